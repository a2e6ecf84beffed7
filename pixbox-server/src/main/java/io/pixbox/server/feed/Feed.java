package io.pixbox.server.feed;

import io.pixbox.server.account.Accounts;
import io.pixbox.server.account.Caller;
import io.pixbox.server.account.ForbiddenException;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.ImageRemoval;
import io.pixbox.server.image.Images;
import io.pixbox.server.image.PageCursor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes, edits and deletes posts, and reads the feed: everyone's, or one user's, newest first. */
@Service
public class Feed {

    public static final int MAX_CAPTION = 2200;
    public static final int MAX_IMAGES = 10;
    public static final int MAX_PAGE = 50;

    private final Posts posts;
    private final Images images;
    private final Accounts accounts;
    private final ImageRemoval removal;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Feed(Posts posts, Images images, Accounts accounts, ImageRemoval removal, TransactionTemplate transactions,
         Clock clock) {
        this.posts = posts;
        this.images = images;
        this.accounts = accounts;
        this.removal = removal;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @throws PostException when there are no images, too many, repeated or unknown ones, or the caption is too long
     * @throws ForbiddenException when an image is not the caller's
     */
    public Post create(Caller caller, String caption, List<UUID> imageIds) {
        String text = checkCaption(caption);
        if (imageIds == null || imageIds.isEmpty()) {
            throw PostException.invalid("post.empty", "imageIds: a post needs at least one image");
        }
        if (imageIds.size() > MAX_IMAGES) {
            throw PostException.invalid("post.too_many_images", "imageIds: at most " + MAX_IMAGES + " images, got " + imageIds.size());
        }
        if (new LinkedHashSet<>(imageIds).size() != imageIds.size()) {
            throw PostException.invalid("post.invalid", "imageIds: an image may appear once in a post");
        }
        return transactions.execute(status -> {
            for (UUID imageId : imageIds) {
                Image image = images.find(imageId).orElseThrow(() ->
                        PostException.invalid("post.image_not_found", "imageIds: no image " + imageId));
                if (!caller.id().equals(image.ownerId())) {
                    throw new ForbiddenException("imageIds: image " + imageId + " is not yours; a post shows its author's images");
                }
            }
            UUID id = UUID.randomUUID();
            posts.insert(id, caller.id(), text, imageIds, now());
            return posts.find(id).orElseThrow();
        });
    }

    public Post get(UUID id) {
        return posts.find(id).orElseThrow(() -> PostException.notFound(id));
    }

    /** @throws ForbiddenException unless the caller wrote the post or is an admin */
    public Post editCaption(Caller caller, UUID id, String caption) {
        String text = checkCaption(caption);
        return transactions.execute(status -> {
            caller.checkOwnerOrAdmin(get(id).ownerId(), "post " + id);
            posts.updateCaption(id, text, now());
            return get(id);
        });
    }

    /**
     * Deletes the post and the images it shows, with their variants, unless another post shows them too.
     *
     * @throws ForbiddenException unless the caller wrote the post or is an admin
     */
    public void delete(Caller caller, UUID id) {
        transactions.executeWithoutResult(status -> {
            Post post = get(id);
            caller.checkOwnerOrAdmin(post.ownerId(), "post " + id);
            List<UUID> orphans = post.imageIds().stream().filter(image -> !posts.shownElsewhere(image, id)).toList();
            posts.delete(id);
            orphans.forEach(image -> removal.delete(caller, image));
        });
    }

    /** One page of posts, and where the next starts if there is one. */
    public record Page(List<Post> items, Optional<PageCursor> next) {
    }

    /** One page of everyone's posts, or of one user's, newest first. */
    public Page page(Optional<String> username, Optional<PageCursor> after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw PostException.invalid("request.invalid", "limit: must be 1.." + MAX_PAGE + ", got " + limit);
        }
        Optional<UUID> owner = username.map(name -> accounts.findByUsername(name)
                .orElseThrow(() -> new PostException("user.not_found", "no user " + name, true)).id());
        List<Post> found = posts.page(owner, after, limit + 1);
        if (found.size() <= limit) {
            return new Page(found, Optional.empty());
        }
        Post last = found.get(limit - 1);
        return new Page(found.subList(0, limit), Optional.of(new PageCursor(last.createdAt(), last.id())));
    }

    private static String checkCaption(String caption) {
        String text = caption == null ? "" : caption.strip();
        if (text.codePointCount(0, text.length()) > MAX_CAPTION) {
            throw PostException.invalid("post.caption_too_long", "caption: at most " + MAX_CAPTION + " characters, got "
                    + text.codePointCount(0, text.length()));
        }
        return text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
