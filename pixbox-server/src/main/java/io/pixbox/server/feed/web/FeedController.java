package io.pixbox.server.feed.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Caller;
import io.pixbox.server.feed.Feed;
import io.pixbox.server.image.PageCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Posts and the feed. Reading is open to all; writing needs an account, and changing a post needs its author. */
@RestController
@ConditionalOnRole(Role.API)
@Tag(name = "feed", description = "Posts of images with captions, and the feeds that list them")
@ApiResponse(responseCode = "400", description = "A malformed id, cursor or parameter (request.invalid)",
        content = @Content(mediaType = "application/problem+json"))
class FeedController {

    private final Feed feed;
    private final PostViews views;

    FeedController(Feed feed, PostViews views) {
        this.feed = feed;
        this.views = views;
    }

    record CreateRequest(String caption, List<UUID> imageIds) {
    }

    record EditRequest(String caption) {
    }

    /** One page of a feed; {@code nextCursor} is null on the last. */
    record FeedPage(List<PostView> items, String nextCursor) {
    }

    @PostMapping("/api/v1/posts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Post one or more of your images with a caption")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(responseCode = "400", description = "No images, more than 10, repeated or unknown ones, or a caption over "
            + "2200 characters (post.empty, post.too_many_images, post.invalid, post.image_not_found, post.caption_too_long)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "An image is not yours (auth.forbidden)", content = @Content(mediaType = "application/problem+json"))
    PostView create(@AuthenticationPrincipal Caller caller, @RequestBody CreateRequest request) {
        return views.of(feed.create(caller, request.caption(), request.imageIds()));
    }

    @GetMapping("/api/v1/posts/{id}")
    @SecurityRequirements
    @Operation(summary = "One post")
    @ApiResponse(responseCode = "200", description = "The post")
    @ApiResponse(responseCode = "404", description = "No such post (post.not_found)", content = @Content(mediaType = "application/problem+json"))
    PostView get(@PathVariable UUID id) {
        return views.of(feed.get(id));
    }

    @GetMapping("/api/v1/posts/{id}/thumbnails")
    @SecurityRequirements
    @Operation(summary = "Every thumbnail of a post's images, by image and size")
    @ApiResponse(responseCode = "200", description = "Image id to size to thumbnail; a size still being made is absent")
    @ApiResponse(responseCode = "404", description = "No such post (post.not_found)", content = @Content(mediaType = "application/problem+json"))
    Map<UUID, Map<String, PostView.Thumbnail>> thumbnails(@PathVariable UUID id) {
        Map<UUID, Map<String, PostView.Thumbnail>> thumbnails = new java.util.LinkedHashMap<>();
        views.of(feed.get(id)).images().forEach(image -> thumbnails.put(image.id(), image.thumbnails()));
        return thumbnails;
    }

    @PatchMapping("/api/v1/posts/{id}")
    @Operation(summary = "Change a post's caption")
    @ApiResponse(responseCode = "200", description = "The post as it is now")
    @ApiResponse(responseCode = "400", description = "A caption over 2200 characters (post.caption_too_long)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not its author nor an admin (auth.forbidden)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such post (post.not_found)", content = @Content(mediaType = "application/problem+json"))
    PostView edit(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody EditRequest request) {
        return views.of(feed.editCaption(caller, id, request.caption()));
    }

    @DeleteMapping("/api/v1/posts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a post, and its images with their variants unless another post shows them")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not its author nor an admin (auth.forbidden)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such post (post.not_found)", content = @Content(mediaType = "application/problem+json"))
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        feed.delete(caller, id);
    }

    @GetMapping("/api/v1/feed")
    @SecurityRequirements
    @Operation(summary = "Everyone's posts, newest first",
            description = "Pages follow a cursor, so posts arriving meanwhile cause neither repeats nor gaps.")
    @ApiResponse(responseCode = "200", description = "One page")
    FeedPage everyone(@Parameter(description = "The nextCursor of the previous page") @RequestParam Optional<String> cursor,
                      @Parameter(description = "Page size, 1 to 50") @RequestParam(defaultValue = "20") int limit) {
        return page(Optional.empty(), cursor, limit);
    }

    @GetMapping("/api/v1/users/{username}/feed")
    @SecurityRequirements
    @Operation(summary = "One user's posts, newest first")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "404", description = "No such user (user.not_found)", content = @Content(mediaType = "application/problem+json"))
    FeedPage user(@PathVariable String username, @RequestParam Optional<String> cursor,
                  @RequestParam(defaultValue = "20") int limit) {
        return page(Optional.of(username), cursor, limit);
    }

    private FeedPage page(Optional<String> username, Optional<String> cursor, int limit) {
        Feed.Page page = feed.page(username, cursor.map(PageCursor::decode), limit);
        return new FeedPage(page.items().stream().map(views::of).toList(), page.next().map(PageCursor::encode).orElse(null));
    }
}
