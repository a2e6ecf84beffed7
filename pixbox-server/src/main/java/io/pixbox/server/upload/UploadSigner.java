package io.pixbox.server.upload;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs and checks the upload requests Pixbox takes itself (when the store is its own disk), with a key derived
 * from the token signing key so that a signature made for one purpose is never valid for another.
 */
@Component
class UploadSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    UploadSigner(SecretKey tokenSigningKey) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(tokenSigningKey.getEncoded(), ALGORITHM),
                "pixbox direct uploads"), ALGORITHM);
    }

    /** The signature of a request to put upload {@code id}'s bytes until {@code expires} (epoch seconds). */
    String sign(UUID id, long expires) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, id + "\n" + expires));
    }

    /** Whether {@code signature} is the one {@link #sign} makes, compared in constant time. */
    boolean verify(UUID id, long expires, String signature) {
        return MessageDigest.isEqual(sign(id, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
