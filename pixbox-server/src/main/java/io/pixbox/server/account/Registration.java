package io.pixbox.server.account;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates accounts: checks the name, the address and the password, hashes it with argon2id, names the first an admin. */
@Service
public class Registration {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
    // Deliberately loose: one @, something on each side, a dot in the domain; the mailbox is not verified.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final AccountProperties settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Registration(Accounts accounts, PasswordEncoder passwords, AccountProperties settings,
                 TransactionTemplate transactions, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @throws AccountException naming what is wrong, or that the name or address is taken */
    public Account register(String username, String email, String password) {
        String name = normalised(username);
        String address = email == null ? "" : email.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw invalid("username: 3 to 32 characters: lower-case letters, digits, _ . and -, "
                    + "starting with a letter or digit");
        }
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw invalid("email: not an email address");
        }
        if (name.equals(LocalAccount.USERNAME)) {
            throw taken();
        }
        PasswordPolicy.check(password, name);
        return create(name, address.toLowerCase(Locale.ROOT), passwords.encode(password));
    }

    /** An account for someone who signs in through a provider only, with the name made unique if need be. */
    Account registerExternal(String preferredName, String email) {
        String base = normalised(preferredName).replaceAll("[^a-z0-9_.-]", "-");
        if (base.length() < 3) {
            base = "user-" + base;
        }
        base = base.length() > 27 ? base.substring(0, 27) : base;
        String name = base;
        for (int suffix = 2; accounts.findByUsername(name).isPresent(); suffix++) {
            name = base + "-" + suffix;
        }
        return create(name, email.toLowerCase(Locale.ROOT), null);
    }

    private Account create(String username, String email, String passwordHash) {
        try {
            return transactions.execute(status -> {
                if (accounts.exists(username, email)) {
                    throw taken();
                }
                boolean admin = accounts.count() == 0 || settings.admins().contains(username);
                Account account = new Account(UUID.randomUUID(), username, email, passwordHash,
                        admin ? AccountRole.ADMIN : AccountRole.USER, clock.instant().truncatedTo(ChronoUnit.MICROS));
                accounts.insert(account);
                return account;
            });
        } catch (DuplicateKeyException e) {
            throw taken();
        }
    }

    private static String normalised(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static AccountException taken() {
        return new AccountException(AccountException.Kind.CONFLICT, "account.taken",
                "that username or email address is already registered");
    }

    private static AccountException invalid(String message) {
        return new AccountException(AccountException.Kind.INVALID, "account.invalid", message);
    }
}
