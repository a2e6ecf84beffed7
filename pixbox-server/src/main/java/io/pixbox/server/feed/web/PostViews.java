package io.pixbox.server.feed.web;

import io.pixbox.imaging.recipe.Presets;
import io.pixbox.server.feed.FeedProperties;
import io.pixbox.server.feed.Post;
import io.pixbox.server.feed.web.PostView.PostImage;
import io.pixbox.server.feed.web.PostView.Thumbnail;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.Images;
import io.pixbox.server.image.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Builds what the feed shows of a post: its images with the URLs of their thumbnail variants. */
@Component
class PostViews {

    private final Images images;
    private final Map<String, String> thumbnailRecipes = new LinkedHashMap<>();

    PostViews(Images images, Presets presets, FeedProperties settings) {
        this.images = images;
        settings.thumbnailPresets().forEach(name -> thumbnailRecipes.put(name, presets.get(name).toString()));
    }

    PostView of(Post post) {
        List<PostImage> shown = post.imageIds().stream().map(images::find).flatMap(Optional::stream).map(this::image).toList();
        return new PostView(post.id(), post.ownerName(), post.caption(), post.createdAt(), post.updatedAt(), shown,
                shown.stream().noneMatch(PostImage::pending), "/api/v1/posts/" + post.id());
    }

    private PostImage image(Image image) {
        List<Variant> variants = images.variants(image.id());
        Map<String, Thumbnail> thumbnails = new LinkedHashMap<>();
        thumbnailRecipes.forEach((preset, recipe) -> variants.stream().filter(v -> v.recipe().equals(recipe)).findFirst()
                .ifPresent(v -> thumbnails.put(preset, new Thumbnail(
                        "/api/v1/images/" + image.id() + "/variants/" + v.id(), v.width(), v.height()))));
        String url = "/api/v1/images/" + image.id();
        return new PostImage(image.id(), image.width(), image.height(), url, url + "/original", thumbnails,
                thumbnails.size() < thumbnailRecipes.size());
    }

}
