package io.pixbox.server.image.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.account.Caller;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.ImageNotFoundException;
import io.pixbox.server.image.ImageRemoval;
import io.pixbox.server.image.Images;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.Previews;
import io.pixbox.server.image.RecipeRequests;
import io.pixbox.server.processing.web.JobView;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.NewJob;
import io.pixbox.server.site.Bytes;
import io.pixbox.server.site.ErrorPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

/**
 * The image pages: an image with its variants and a before/after comparison, the editor with its live preview, and
 * the upload the upload page's script makes, one file a request. They call what the REST API calls.
 */
@Controller
@ConditionalOnRole(Role.API)
class ImagePages {

    private final MultipartUploads uploads;
    private final Images images;
    private final ImageRemoval removal;
    private final Ingest ingest;
    private final JobQueue queue;
    private final RecipeRequests recipes;
    private final Previews previews;

    ImagePages(MultipartUploads uploads, Images images, ImageRemoval removal, Ingest ingest, JobQueue queue,
               RecipeRequests recipes, Previews previews) {
        this.uploads = uploads;
        this.images = images;
        this.removal = removal;
        this.ingest = ingest;
        this.queue = queue;
        this.recipes = recipes;
        this.previews = previews;
    }

    /** What the upload API answers, for one or more files with the default presets. */
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    @ResponseStatus(HttpStatus.ACCEPTED)
    UploadResponse upload(@AuthenticationPrincipal Caller caller, @RequestPart("file") List<MultipartFile> files) {
        return uploads.accept(caller, files, List.of());
    }

    @GetMapping("/images/{id}")
    String image(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                 @RequestParam Optional<String> compare, Model model, HttpServletResponse response) {
        Optional<Image> image = images.find(id);
        if (image.isEmpty()) {
            return ErrorPage.show(response, model, HttpStatus.NOT_FOUND, "There is no image " + id + "; it may have been deleted.");
        }
        boolean owner = caller != null && caller.isOwnerOrAdmin(image.get().ownerId());
        model.addAttribute("owner", owner);
        model.addAttribute("jobs", owner ? queue.forImage(id).stream().map(JobView::of).toList() : List.of());
        variants(image.get(), compare, model);
        return "image/image";
    }

    /** The variants and the comparison again, as a job finishes. */
    @GetMapping("/images/{id}/variants")
    String variantsFragment(@PathVariable UUID id, @RequestParam Optional<String> compare, Model model) {
        variants(images.find(id).orElseThrow(() -> new ImageNotFoundException(id)), compare, model);
        return "image/image :: variants";
    }

    /** Deletes the image, its variants and its jobs, then sends the page to the feed. */
    @DeleteMapping("/images/{id}")
    @ResponseBody
    String delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, HttpServletResponse response) {
        removal.delete(caller, id);
        response.setHeader("HX-Redirect", "/");
        return "";
    }

    @GetMapping("/images/{id}/edit")
    String editor(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model,
                  HttpServletResponse response) {
        Optional<Image> image = images.find(id);
        if (image.isEmpty()) {
            return ErrorPage.show(response, model, HttpStatus.NOT_FOUND, "There is no image " + id + "; it may have been deleted.");
        }
        if (!caller.isOwnerOrAdmin(image.get().ownerId())) {
            return ErrorPage.show(response, model, HttpStatus.FORBIDDEN, "Only the owner of this image may edit it.");
        }
        model.addAttribute("image", ImageView.of(image.get()));
        model.addAttribute("formats", Arrays.stream(ImageFormat.values()).map(ImageFormat::recipeName).toList());
        model.addAttribute("previewSize", Previews.SIZE);
        return "image/editor";
    }

    /** The recipe of the editor's settings rendered small, at once; a recipe that cannot apply says why instead. */
    @GetMapping("/images/{id}/preview")
    String preview(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @ModelAttribute EditorForm form,
                   Model model) {
        Image image = owned(caller, id);
        model.addAttribute("recipe", form.recipe());
        try {
            Previews.Preview preview = previews.render(image, Recipe.parse(form.recipe()));
            model.addAttribute("preview", preview);
            model.addAttribute("dataUrl", "data:" + preview.format().mediaType() + ";base64,"
                    + Base64.getEncoder().encodeToString(preview.bytes()));
            model.addAttribute("bytes", Bytes.readable(preview.bytes().length));
        } catch (ImagingException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "image/editor-parts :: preview";
    }

    /** Queues the editor's recipe as a job on the image, and answers the job's row to follow it. */
    @PostMapping("/images/{id}/edit")
    String apply(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @ModelAttribute EditorForm form,
                 Model model) {
        Image image = owned(caller, id);
        NewJob job = ingest.process(caller, id, Recipe.parse(form.recipe()));
        model.addAttribute("job", queue.find(job.id()).map(JobView::of).orElseThrow(() -> new ImageNotFoundException(id)));
        model.addAttribute("fileName", image.fileName());
        model.addAttribute("compareUrl", "/images/" + id + "?compare=" + java.net.URLEncoder.encode(
                Recipe.parse(form.recipe()).toString(), java.nio.charset.StandardCharsets.UTF_8));
        return "image/editor-parts :: applied";
    }

    private Image owned(Caller caller, UUID id) {
        Image image = images.find(id).orElseThrow(() -> new ImageNotFoundException(id));
        caller.checkOwnerOrAdmin(image.ownerId(), "image " + id);
        return image;
    }

    private void variants(Image image, Optional<String> compare, Model model) {
        List<VariantRow> rows = images.variants(image.id()).stream()
                .map(v -> VariantRow.of(VariantView.of(v, recipes.presetOf(v.recipe()))))
                .sorted(Comparator.comparing((VariantRow row) -> row.variant().preset() == null)
                        .thenComparing(row -> row.variant().createdAt()))
                .toList();
        Optional<String> wanted = compare.map(text -> {
            try {
                return Recipe.parse(text).toString();
            } catch (ImagingException e) {
                return text;
            }
        });
        // Compare with the variant asked for, else the newest edit, else the largest preset.
        VariantRow compared = wanted.flatMap(recipe -> rows.stream().filter(row -> row.variant().recipe().equals(recipe)).findFirst())
                .or(() -> rows.stream().filter(row -> row.variant().preset() == null).reduce((first, second) -> second))
                .or(() -> rows.stream().max(Comparator.comparingInt(row -> row.variant().width())))
                .orElse(null);
        model.addAttribute("image", ImageView.of(image));
        model.addAttribute("originalSize", Bytes.readable(image.bytes()));
        model.addAttribute("variants", rows);
        model.addAttribute("compared", compared);
    }


    /** A variant with its size for people to read, and a name to tell it by. */
    record VariantRow(VariantView variant, String size, String label) {
        static VariantRow of(VariantView variant) {
            return new VariantRow(variant, Bytes.readable(variant.bytes()),
                    variant.preset() == null ? "Edit: " + variant.recipe() : variant.preset());
        }
    }
}
