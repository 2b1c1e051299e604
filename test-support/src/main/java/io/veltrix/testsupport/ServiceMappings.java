package io.veltrix.testsupport;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every request mapping a running service has, as {@code METHOD pattern}: the controllers'
 * ({@code RequestMappingHandlerMapping}) and the actuator's and any other handler mapping built
 * the same way. A mapping for any method is listed as {@code * pattern}.
 */
public final class ServiceMappings {

    private ServiceMappings() {
    }

    public static Set<String> of(ApplicationContext context) {
        Set<String> mappings = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping handlers
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        mappings.add("* " + pattern);
                    }
                    methods.forEach(method -> mappings.add(method.name() + " " + pattern));
                }
            }
        }
        return mappings;
    }
}
