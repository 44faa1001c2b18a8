package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.CurrentUsers;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets a controller method declare a {@link CurrentUser} parameter. */
@Configuration(proxyBeanMethods = false)
class SecurityWebConfiguration implements WebMvcConfigurer {

    private final CurrentUsers currentUsers;

    SecurityWebConfiguration(CurrentUsers currentUsers) {
        this.currentUsers = currentUsers;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == CurrentUser.class;
            }

            @Override
            public CurrentUser resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                               WebDataBinderFactory binders) {
                return currentUsers.require();
            }
        });
    }
}
