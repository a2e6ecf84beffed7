package io.pixbox.server.site;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Hooks the pages' shared model into Spring MVC. */
@Configuration(proxyBeanMethods = false)
class SitePages implements WebMvcConfigurer {

    private final PageModel pageModel;

    SitePages(PageModel pageModel) {
        this.pageModel = pageModel;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(pageModel).excludePathPatterns("/api/**", "/actuator/**");
    }
}
