package io.pixbox.server.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 key that signs access tokens: {@code pixbox.account.jwt-secret} when set, else a random one kept in
 * {@code <data-dir>/jwt-secret} (readable by its owner only), made on first start.
 */
final class SigningKey {

    static final int MIN_BYTES = 32;

    private SigningKey() {
    }

    static SecretKey load(String configured, Path dataDir) {
        byte[] secret = configured != null && !configured.isBlank()
                ? configured.getBytes(StandardCharsets.UTF_8) : stored(dataDir.resolve("jwt-secret"));
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("pixbox.account.jwt-secret must be at least " + MIN_BYTES
                    + " bytes; it is " + secret.length);
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] stored(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(random));
                } catch (FileAlreadyExistsException e) {
                    // Another process made it first: use theirs.
                } catch (UnsupportedOperationException e) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(random));
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token signing key " + file, e);
        }
    }
}
