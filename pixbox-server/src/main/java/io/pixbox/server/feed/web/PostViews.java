package io.pixbox.server.feed.web;

import io.pixbox.imaging.recipe.Presets;
import io.pixbox.server.feed.FeedProperties;
import io.pixbox.server.feed.Post;
import io.pixbox.server.feed.web.PostView.PostImage;
import io.pixbox.server.feed.web.PostView.Thumbnail;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.Images;
import io.pixbox.server.image.Variant;
import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Builds what the feed shows of a post: its images with the URLs of their thumbnail variants, and why a thumbnail
 * will not come when its job has given up.
 */
@Component
class PostViews {

    private final Images images;
    private final JobQueue queue;
    private final Map<String, String> thumbnailRecipes = new LinkedHashMap<>();

    PostViews(Images images, JobQueue queue, Presets presets, FeedProperties settings) {
        this.images = images;
        this.queue = queue;
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

    /**
     * Why a pending image's missing thumbnails will never come, when none of them has a job that may still make it:
     * the reason of a failed or dead job, or that none was queued. Empty while one may still come.
     */
    Optional<String> unmade(PostImage image) {
        List<Job> jobs = queue.forImage(image.id());
        Optional<String> reason = Optional.empty();
        for (Map.Entry<String, String> thumbnail : thumbnailRecipes.entrySet()) {
            if (image.thumbnails().containsKey(thumbnail.getKey())) {
                continue;
            }
            // The newest run of the recipe is the one that counts: an older one may have failed before a retry.
            Optional<Job> last = jobs.stream().filter(job -> job.recipe().equals(thumbnail.getValue())).reduce((a, b) -> b);
            if (last.isPresent() && (!last.get().state().isFinal() || last.get().state() == JobState.SUCCEEDED)) {
                return Optional.empty();
            }
            if (reason.isEmpty()) {
                // The code, not the message: the message may name where the server keeps its files.
                reason = Optional.of(last.map(job -> "the " + thumbnail.getKey() + " job " + job.state().text() + " with "
                        + job.errorCode()).orElse("no job was queued for the " + thumbnail.getKey()));
            }
        }
        return reason;
    }
}
