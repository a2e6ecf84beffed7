package io.pixbox.server.site;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Hooks the pages' shared model and their error page into Spring MVC. */
@Configuration(proxyBeanMethods = false)
class SitePages implements WebMvcConfigurer {

    private final PageModel pageModel;
    private final ObjectProvider<BrowserErrors> browserErrors;

    SitePages(PageModel pageModel, ObjectProvider<BrowserErrors> browserErrors) {
        this.pageModel = pageModel;
        this.browserErrors = browserErrors;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(pageModel).excludePathPatterns("/api/**", "/actuator/**");
    }

    /** Before the problem details, so that a browser opening a page gets a page even when it fails. */
    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        browserErrors.ifAvailable(errors -> resolvers.addFirst(errors));
    }
}
