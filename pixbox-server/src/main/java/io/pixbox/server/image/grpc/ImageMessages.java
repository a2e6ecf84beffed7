package io.pixbox.server.image.grpc;

import io.pixbox.api.v1.Image;
import io.pixbox.api.v1.Variant;
import io.pixbox.server.image.RecipeRequests;
import java.util.Objects;
import org.springframework.stereotype.Component;

import static io.pixbox.server.grpc.GrpcCalls.timestamp;

/** Images and variants as the gRPC API shows them. */
@Component
class ImageMessages {

    private final RecipeRequests recipes;

    ImageMessages(RecipeRequests recipes) {
        this.recipes = recipes;
    }

    Image.Builder image(io.pixbox.server.image.Image image) {
        return Image.newBuilder()
                .setId(image.id().toString())
                .setFileName(image.fileName())
                .setContentType(image.contentType())
                .setFormat(image.format().recipeName())
                .setSize(image.bytes())
                .setWidth(image.width())
                .setHeight(image.height())
                .setSha256(image.sha256())
                .setCreatedAt(timestamp(image.createdAt()));
    }

    Variant variant(io.pixbox.server.image.Variant variant) {
        return Variant.newBuilder()
                .setId(variant.id().toString())
                .setRecipe(variant.recipe())
                .setPreset(Objects.toString(recipes.presetOf(variant.recipe()), ""))
                .setFormat(variant.format().recipeName())
                .setWidth(variant.width())
                .setHeight(variant.height())
                .setSize(variant.bytes())
                .setCreatedAt(timestamp(variant.createdAt()))
                .build();
    }
}
