/** The image feed: posts of one or more images with a caption, the global feed and each user's, newest first. */
package io.pixbox.server.feed;
