package io.pixbox.server.site;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;

/** The page a browser sees when what it asked for is not there, not its to see, or failed. */
public final class ErrorPage {

    static final String VIEW = "site/error";

    private ErrorPage() {
    }

    /** Sets the status and answers the error view, which shows {@code message}. */
    public static String show(HttpServletResponse response, Model model, HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAllAttributes(page(status, message).getModel());
        return VIEW;
    }

    /** The error view with its status, which shows {@code message}. */
    static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("status", status.value());
        page.addObject("title", status.getReasonPhrase());
        page.addObject("message", message);
        return page;
    }
}
