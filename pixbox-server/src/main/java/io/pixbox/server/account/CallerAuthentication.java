package io.pixbox.server.account;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request whose principal is its {@link Caller}, however it proved who it is. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority(caller.admin() ? "ROLE_ADMIN" : "ROLE_USER")));
        this.caller = caller;
        setAuthenticated(true);
    }

    static CallerAuthentication of(Account account) {
        return new CallerAuthentication(new Caller(account.id(), account.username(), account.isAdmin()));
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.username();
    }
}
