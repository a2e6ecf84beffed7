package io.pixbox.server.web;

import jakarta.servlet.http.HttpServletRequest;

/** Who sent a request: a page's script, or a browser opening a page. */
public final class Requests {

    private Requests() {
    }

    /** Requests made by the pages' scripts (htmx, XMLHttpRequest, EventSource), which cannot follow a redirect to a page. */
    public static boolean fromScript(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("HX-Request") != null || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                || accept != null && accept.contains("text/event-stream");
    }

    /** A browser opening a page outside the API, which reads an HTML page better than a problem detail. */
    public static boolean fromBrowser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return accept != null && accept.contains("text/html") && !fromScript(request)
                && !path.equals("/api") && !path.startsWith("/api/");
    }
}
