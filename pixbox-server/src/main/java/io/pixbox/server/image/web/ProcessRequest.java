package io.pixbox.server.image.web;

/** A recipe to run on an existing image: a recipe text or a preset name, exactly one of them. */
public record ProcessRequest(String recipe, String preset) {
}
