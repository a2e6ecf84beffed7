package io.pixbox.server.account;

import java.util.Locale;
import java.util.Set;

/**
 * What a password must be, after NIST SP 800-63B: long enough, not absurdly long, not one of the passwords
 * everyone tries first, and not the account's own name; no composition rules.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of("password", "password1", "password123", "passw0rd",
            "1234567890", "12345678910", "0123456789", "qwertyuiop", "iloveyou12", "letmein123", "welcome123",
            "administrator", "abcdefghij", "1q2w3e4r5t", "qwerty1234", "1qaz2wsx3edc", "changeme123", "trustno1234");

    private PasswordPolicy() {
    }

    /** Throws naming the rule the password breaks. */
    static void check(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw invalid("password: must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw invalid("password: must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw invalid("password: is one of the most common passwords; choose another");
        }
        if (lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw invalid("password: must not contain the username");
        }
        if (password.chars().distinct().count() < 4) {
            throw invalid("password: needs at least 4 different characters");
        }
    }

    private static AccountException invalid(String message) {
        return new AccountException(AccountException.Kind.INVALID, "account.weak_password", message);
    }
}
