package io.pixbox.server.storageevents.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Caller;
import io.pixbox.server.storageevents.BucketObject;
import io.pixbox.server.storageevents.BucketSync;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists, for admins, the objects storage events reported and what became of each. */
@RestController
@ConditionalOnRole(Role.API)
@RequestMapping("/api/v1/bucket-objects")
class BucketObjectController {

    private static final int MAX_LIMIT = 100;

    private final BucketSync sync;

    BucketObjectController(BucketSync sync) {
        this.sync = sync;
    }

    /** One page: the objects, and the key to pass as {@code after} for the next page, or null at the end. */
    record Page(List<ObjectView> items, String next) {
    }

    /** One object as the API shows it; {@code key} is the key in the originals store, after its prefix. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ObjectView(String key, String state, Long bytes, String errorCode, String reason, UUID imageId,
                      String imageUrl, Instant updatedAt) {

        static ObjectView of(BucketObject object) {
            return new ObjectView(object.key(), object.state().name().toLowerCase(Locale.ROOT), object.bytes(),
                    object.errorCode(), object.reason(), object.imageId(),
                    object.imageId() == null ? null : "/api/v1/images/" + object.imageId(), object.updatedAt());
        }
    }

    @GetMapping
    @Operation(summary = "List the objects storage events reported (admins only)",
            description = "Objects that appeared in the originals bucket by another route than Pixbox's API: imported "
                    + "(with the image made of each), rejected (with the code and reason), or removed.")
    @ApiResponse(responseCode = "400", description = "An unknown state or a bad limit (request.invalid)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not an admin (auth.forbidden)",
            content = @Content(mediaType = "application/problem+json"))
    Page list(@AuthenticationPrincipal Caller caller,
              @Parameter(description = "imported, rejected or removed; all when absent") @RequestParam(required = false) String state,
              @Parameter(description = "The next key of the previous page") @RequestParam(required = false) String after,
              @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        Optional<BucketObject.State> wanted = Optional.ofNullable(state).map(BucketObjectController::state);
        List<BucketObject> items = sync.objects(caller, wanted, after, limit);
        return new Page(items.stream().map(ObjectView::of).toList(), items.size() == limit ? items.getLast().key() : null);
    }

    private static BucketObject.State state(String text) {
        try {
            return BucketObject.State.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be imported, rejected or removed, got \"" + text + "\"");
        }
    }
}
