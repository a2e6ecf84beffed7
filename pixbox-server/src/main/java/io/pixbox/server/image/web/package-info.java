/** The REST API of images ({@code /api/v1/images}). */
package io.pixbox.server.image.web;
