package io.pixbox.server.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the problem details of the API: every one carries a stable {@code code} and a type derived from it. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:pixbox:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }
}
