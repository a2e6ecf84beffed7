package io.pixbox.server.account.web;

import io.pixbox.server.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The account has no live token of that id. */
class TokenNotFoundException extends ErrorResponseException {

    TokenNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, Problems.problem(HttpStatus.NOT_FOUND, "token.not_found", "no token " + id), null);
    }
}
