package io.pixbox.server.queue;

/**
 * Why an attempt failed.
 *
 * @param code      stable, machine-readable, such as {@code image.corrupt}
 * @param message   for people: what went wrong
 * @param permanent true when trying again cannot help (corrupt input, a recipe that cannot apply); false
 *                  for a store, database or broker that was unavailable
 */
public record JobFailure(String code, String message, boolean permanent) {
}
