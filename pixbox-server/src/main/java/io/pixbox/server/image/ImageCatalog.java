package io.pixbox.server.image;

import io.pixbox.imaging.recipe.Recipe;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Finds images and their variants for every API alike: one image, a page of them, those with a file name. */
@Component
public class ImageCatalog {

    public static final int MAX_PAGE = 100;

    private final Images images;
    private final RecipeRequests recipes;

    ImageCatalog(Images images, RecipeRequests recipes) {
        this.images = images;
        this.recipes = recipes;
    }

    /** One page of images, newest first; {@code nextCursor} is null on the last. */
    public record Page(List<Image> images, String nextCursor) {
    }

    /** @throws ImageNotFoundException when there is no such image */
    public Image find(UUID id) {
        return images.find(id).orElseThrow(() -> new ImageNotFoundException(id));
    }

    /**
     * Up to {@code limit} images after the cursor or, with {@code fileName}, the newest images uploaded under
     * exactly that name (one page only).
     *
     * @throws IllegalArgumentException for a limit outside 1..100 or a cursor this server did not give out
     */
    public Page list(Optional<String> cursor, int limit, Optional<String> fileName) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be 1.." + MAX_PAGE + ", got " + limit);
        }
        if (fileName.isPresent()) {
            return new Page(images.findByFileName(fileName.get(), limit), null);
        }
        List<Image> page = images.page(cursor.map(PageCursor::decode), limit + 1);
        String next = page.size() > limit ? PageCursor.after(page.get(limit - 1)).encode() : null;
        return new Page(page.stream().limit(limit).toList(), next);
    }

    public List<Variant> variants(UUID imageId) {
        return images.variants(imageId);
    }

    /** @throws ImageNotFoundException when the image has no variant with this id */
    public Variant variant(UUID imageId, UUID variantId) {
        return images.variant(imageId, variantId)
                .orElseThrow(() -> new ImageNotFoundException("image " + imageId + " has no variant " + variantId));
    }

    /**
     * The variant named by its id, a preset's name or a recipe in any spelling of its canonical form.
     *
     * @throws ImageNotFoundException when the image has no such variant (yet)
     * @throws io.pixbox.imaging.ImagingException.InvalidRecipe when the name is none of the three
     */
    public Variant variant(UUID imageId, String name) {
        Optional<UUID> id = uuid(name);
        if (id.isPresent()) {
            return variant(imageId, id.get());
        }
        Recipe recipe = recipes.named(name);
        return images.variants(imageId).stream().filter(v -> v.recipe().equals(recipe.toString())).findFirst()
                .orElseThrow(() -> new ImageNotFoundException("image " + imageId + " has no variant " + name
                        + " (" + recipe + ") yet"));
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
