package io.pixbox.server.site;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/** The page a browser sees when what it asked for is not there or not its to see. */
public final class ErrorPage {

    private ErrorPage() {
    }

    /** Sets the status and answers the error view, which shows {@code message}. */
    public static String show(HttpServletResponse response, Model model, HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", status.getReasonPhrase());
        model.addAttribute("message", message);
        return "site/error";
    }
}
