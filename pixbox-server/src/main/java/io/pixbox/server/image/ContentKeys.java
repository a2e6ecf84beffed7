package io.pixbox.server.image;

import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.recipe.Recipe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where bytes live: an original under its content hash, a variant under that hash and its recipe's, so
 * identical uploads share their bytes and a redelivered job writes the same key again.
 */
public final class ContentKeys {

    private ContentKeys() {
    }

    /** {@code 3f/3fa2…e1.jpg}: a two-character fan-out keeps directories and listings small. */
    public static String original(String sha256, ImageFormat format) {
        return variantPrefix(sha256).replaceAll("/$", "") + "." + format.extension();
    }

    /** {@code 3f/3fa2…e1/9c41d0a2b7e35f18.webp}. */
    public static String variant(String sha256, Recipe recipe, ImageFormat format) {
        return variantPrefix(sha256) + recipeHash(recipe) + "." + format.extension();
    }

    /** The prefix every variant of these bytes lives under. */
    public static String variantPrefix(String sha256) {
        return sha256.substring(0, 2) + "/" + sha256 + "/";
    }

    /** The first 64 bits of the SHA-256 of the canonical recipe text, in hex. */
    static String recipeHash(Recipe recipe) {
        return HexFormat.of().formatHex(sha256(recipe.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
