package io.pixbox.server.account;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The built-in admin {@code local} that every request acts as in local mode; made the first time it is needed. */
@Component
class LocalAccount {

    static final String USERNAME = "local";

    private final Accounts accounts;
    private final Clock clock;
    private volatile Account account;

    LocalAccount(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    Account get() {
        Account found = account;
        if (found == null) {
            synchronized (this) {
                found = accounts.findByUsername(USERNAME).orElseGet(this::create);
                account = found;
            }
        }
        return found;
    }

    private Account create() {
        Account local = new Account(UUID.randomUUID(), USERNAME, "local@localhost", null, AccountRole.ADMIN,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        accounts.insert(local);
        return local;
    }
}
