package io.pixbox.server.site;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.ForbiddenException;
import io.pixbox.server.feed.PostException;
import io.pixbox.server.image.ImageNotFoundException;
import io.pixbox.server.processing.JobNotFoundException;
import io.pixbox.server.storage.StorageUnavailableException;
import io.pixbox.server.web.Requests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Shows a browser that opened a page an error page it can read, whatever went wrong: an unknown address, a page
 * that is not its to see, a failure of the server. Scripts and the API are left to the problem details of
 * {@code ApiProblems}, which runs after this.
 */
@Component
@ConditionalOnRole(Role.API)
class BrowserErrors implements HandlerExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(BrowserErrors.class);

    private final PageModel pageModel;

    BrowserErrors(PageModel pageModel) {
        this.pageModel = pageModel;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (response.isCommitted() || !Requests.fromBrowser(request)) {
            return null;
        }
        ModelAndView page = switch (e) {
            case NoResourceFoundException _ ->
                    ErrorPage.page(HttpStatus.NOT_FOUND, "There is no page at " + request.getRequestURI() + ".");
            case ImageNotFoundException _, JobNotFoundException _ -> ErrorPage.page(HttpStatus.NOT_FOUND, e.getMessage());
            case PostException post -> ErrorPage.page(post.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
                    e.getMessage());
            case ForbiddenException _ -> ErrorPage.page(HttpStatus.FORBIDDEN, e.getMessage());
            case IllegalArgumentException _ -> ErrorPage.page(HttpStatus.BAD_REQUEST, e.getMessage());
            case TypeMismatchException mismatch -> ErrorPage.page(HttpStatus.BAD_REQUEST,
                    "“" + mismatch.getValue() + "” in the address is not something this page can show.");
            case ErrorResponse error -> ErrorPage.page(HttpStatus.valueOf(error.getStatusCode().value()),
                    error.getBody().getDetail());
            case DataAccessException _, StorageUnavailableException _ -> {
                log.warn("A page failed for want of the database or the object store: {}", e.getMessage());
                yield ErrorPage.page(HttpStatus.SERVICE_UNAVAILABLE,
                        "Pixbox cannot reach its database or its storage just now; try again shortly.");
            }
            default -> {
                log.error("The page {} failed", request.getRequestURI(), e);
                yield ErrorPage.page(HttpStatus.INTERNAL_SERVER_ERROR,
                        "Something went wrong on the server; try again, and tell its administrator if it goes on.");
            }
        };
        response.setStatus(page.getStatus().value());
        pageModel.decorate(response, page);
        return page;
    }
}
