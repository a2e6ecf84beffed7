package io.pixbox.server.feed.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.server.account.Caller;
import io.pixbox.server.feed.Feed;
import io.pixbox.server.feed.Post;
import io.pixbox.server.feed.PostException;
import io.pixbox.server.imaging.ImagingProperties;
import io.pixbox.server.image.PageCursor;
import io.pixbox.server.site.Bytes;
import io.pixbox.server.site.ErrorPage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The feed pages: everyone's posts on the front page, each user's on theirs, more as the reader scrolls; the upload
 * page that posts to it; a post's caption edited and the post deleted in place by its author.
 */
@Controller
@ConditionalOnRole(Role.API)
class FeedPages {

    private static final int PAGE = 12;
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Feed feed;
    private final PostViews views;
    private final ImagingProperties imaging;

    FeedPages(Feed feed, PostViews views, ImagingProperties imaging) {
        this.feed = feed;
        this.views = views;
        this.imaging = imaging;
    }

    @GetMapping("/")
    String everyone(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("heading", "Everyone’s photos");
        return feedPage(caller, Optional.empty(), model);
    }

    @GetMapping("/users/{username}")
    String user(@AuthenticationPrincipal Caller caller, @PathVariable String username, Model model,
                HttpServletResponse response) {
        model.addAttribute("heading", username + "’s photos");
        model.addAttribute("user", username);
        try {
            return feedPage(caller, Optional.of(username), model);
        } catch (PostException e) {
            return ErrorPage.show(response, model, HttpStatus.NOT_FOUND, "There is no user called " + username + ".");
        }
    }

    /** The next page of a feed, and the marker that fetches the one after it when it scrolls into view. */
    @GetMapping("/feed/page")
    String more(@AuthenticationPrincipal Caller caller, @RequestParam Optional<String> user,
                @RequestParam String cursor, Model model) {
        // The first page's link names no user for everyone's feed: an empty one means the same.
        page(caller, user.filter(name -> !name.isBlank()), Optional.of(PageCursor.decode(cursor)), model);
        return "feed/feed :: page";
    }

    /** One post as the feed shows it; pending thumbnails poll this until they are ready. */
    @GetMapping("/posts/{id}/card")
    String card(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        model.addAttribute("card", card(caller, feed.get(id)));
        return "feed/card :: card";
    }

    @PostMapping("/posts/{id}/caption")
    String editCaption(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                       @RequestParam(defaultValue = "") String caption, Model model) {
        model.addAttribute("card", card(caller, feed.editCaption(caller, id, caption)));
        return "feed/card :: card";
    }

    /** Answers nothing, which the page swaps in for the post. */
    @DeleteMapping("/posts/{id}")
    @ResponseBody
    String delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        feed.delete(caller, id);
        return "";
    }

    /** Posts images just uploaded from the upload page; answers the post as the API does. */
    @PostMapping("/posts")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    PostView post(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "") String caption,
                  @RequestParam(name = "imageId", required = false) List<UUID> imageIds) {
        return views.of(feed.create(caller, caption, imageIds));
    }

    /** The upload page, with the limits the server holds files to, so that the browser can check them first. */
    @GetMapping("/upload")
    String upload(Model model) {
        List<ImageFormat> formats = Arrays.asList(ImageFormat.values());
        model.addAttribute("maxBytes", imaging.limits().maxBytes().toBytes());
        model.addAttribute("maxSize", Bytes.readable(imaging.limits().maxBytes().toBytes()));
        model.addAttribute("types", formats.stream().map(ImageFormat::mediaType).collect(Collectors.joining(",")));
        model.addAttribute("extensions", formats.stream().map(format -> "." + format.extension())
                .collect(Collectors.joining(",")) + ",.jpeg");
        model.addAttribute("formatNames", formats.stream().map(ImageFormat::recipeName).map(String::toUpperCase)
                .collect(Collectors.joining(", ")));
        model.addAttribute("maxImagesPerPost", Feed.MAX_IMAGES);
        model.addAttribute("maxCaption", Feed.MAX_CAPTION);
        return "feed/upload";
    }

    private String feedPage(Caller caller, Optional<String> user, Model model) {
        page(caller, user, Optional.empty(), model);
        return "feed/feed";
    }

    private void page(Caller caller, Optional<String> user, Optional<PageCursor> after, Model model) {
        Feed.Page page = feed.page(user, after, PAGE);
        model.addAttribute("cards", page.items().stream().map(post -> card(caller, post)).toList());
        model.addAttribute("next", page.next().map(PageCursor::encode).orElse(null));
        model.addAttribute("user", user.orElse(null));
    }

    private Card card(Caller caller, Post post) {
        PostView view = views.of(post);
        List<Picture> pictures = view.images().stream().map(image -> Picture.of(view, image,
                image.pending() ? views.unmade(image) : Optional.empty())).toList();
        return new Card(view, pictures, caller != null && caller.isOwnerOrAdmin(post.ownerId()),
                pictures.stream().anyMatch(Picture::pending), WHEN.format(view.createdAt()));
    }

    /**
     * A post with what the page needs to show it: its pictures, and whether the reader may change it.
     *
     * @param pending whether a thumbnail may still come, so that the card asks again
     */
    record Card(PostView post, List<Picture> pictures, boolean mine, boolean pending, String posted) {
    }

    /**
     * One image of a post: the smallest thumbnail as {@code src}, every size in {@code srcset}.
     *
     * @param src     null while no thumbnail is made yet
     * @param pending whether a thumbnail is missing that a job may still make
     * @param unmade  why a missing thumbnail will not be made (its job failed or died), or null
     */
    record Picture(UUID imageId, String src, String srcset, int width, int height, String alt, boolean pending,
                   String unmade) {

        static Picture of(PostView post, PostView.PostImage image, Optional<String> unmade) {
            List<PostView.Thumbnail> sizes = image.thumbnails().values().stream()
                    .sorted(java.util.Comparator.comparingInt(PostView.Thumbnail::width)).toList();
            String srcset = sizes.stream().map(size -> size.url() + " " + size.width() + "w")
                    .collect(Collectors.joining(", "));
            PostView.Thumbnail smallest = sizes.isEmpty() ? null : sizes.getFirst();
            String alt = post.caption().isBlank() ? "Photo by " + post.author() : post.caption();
            return new Picture(image.id(), smallest == null ? null : smallest.url(), srcset,
                    smallest == null ? image.width() : smallest.width(),
                    smallest == null ? image.height() : smallest.height(), alt,
                    image.pending() && unmade.isEmpty(), unmade.orElse(null));
        }
    }
}
