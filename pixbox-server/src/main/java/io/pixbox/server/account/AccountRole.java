package io.pixbox.server.account;

import java.util.Locale;

/** What an account may do: an admin may see every job and change or remove anyone's content. */
public enum AccountRole {
    USER, ADMIN;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountRole fromText(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
