package io.pixbox.server.feed;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feed ({@code pixbox.feed}).
 *
 * @param thumbnailPresets the presets whose variants a feed item shows as its thumbnails, smallest first; a post
 *                         says its thumbnails are ready once each of its images has all of them
 */
@ConfigurationProperties("pixbox.feed")
@Validated
public record FeedProperties(@DefaultValue({"thumb", "medium"}) @NotEmpty List<String> thumbnailPresets) {
}
