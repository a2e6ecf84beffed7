package io.pixbox.server.site;

import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.server.account.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Gives every rendered page what its layout shows: who is signed in, the version and the image engine; and the
 * content security policy that lets a page run only its own scripts and styles.
 */
@Component
class PageModel implements HandlerInterceptor {

    /** Own scripts, styles and images only; {@code data:} images are the editor's previews. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    private final String engine;
    private final String version;

    PageModel(ImageProcessor imageProcessor, ObjectProvider<BuildProperties> build) {
        this.engine = imageProcessor.engine().name();
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "development build" : properties.getVersion();
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView page) {
        if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")) {
            return;
        }
        decorate(response, page);
    }

    /** Adds what the layout shows to a page about to be rendered, and the page's security headers. */
    void decorate(HttpServletResponse response, ModelAndView page) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        page.addObject("caller", caller());
        page.addObject("version", version);
        page.addObject("engine", engine);
    }

    /** The signed-in caller, or null for a visitor. */
    static Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }
}
