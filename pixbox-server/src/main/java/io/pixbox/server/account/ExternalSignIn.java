package io.pixbox.server.account;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs in someone a provider vouches for: the account linked to that identity, else the account that owns the
 * provider's verified email address, else a new one; either way the identity is linked for next time.
 */
@Service
class ExternalSignIn {

    private static final Logger log = LoggerFactory.getLogger(ExternalSignIn.class);

    private final Accounts accounts;
    private final Registration registration;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ExternalSignIn(Accounts accounts, Registration registration, TransactionTemplate transactions,
                   Clock clock) {
        this.accounts = accounts;
        this.registration = registration;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @throws AccountException when a new account cannot be made (another sign-in took its address meanwhile) */
    Account signIn(ExternalIdentity identity) {
        return transactions.execute(status -> accounts.findByIdentity(identity.provider(), identity.subject())
                .orElseGet(() -> link(identity)));
    }

    private Account link(ExternalIdentity identity) {
        // Only an address the provider has verified may join an existing account: anyone can claim an unverified one.
        Optional<Account> owner = Optional.ofNullable(identity.verifiedEmail()).flatMap(accounts::findByEmail);
        Account account = owner.orElseGet(() -> registration.registerExternal(identity.preferredName(),
                identity.emailForAccount()));
        accounts.link(identity.provider(), identity.subject(), account.id(), clock.instant());
        log.info("{} identity {} linked to {} account {}", identity.provider(), identity.subject(),
                owner.isPresent() ? "existing" : "new", account.username());
        return account;
    }
}
