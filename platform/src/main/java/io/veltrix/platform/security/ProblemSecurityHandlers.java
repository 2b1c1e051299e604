package io.veltrix.platform.security;

import io.veltrix.platform.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as RFC 9457 problem+json, like every other error. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ApiProblems problems;

    public ProblemSecurityHandlers(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        if (exception instanceof StaffLoginGuard.Refused refused) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, refused.retryAfterSeconds())));
            problems.write(request, response, refused.tooManyFailures() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE,
                    refused.tooManyFailures() ? "too-many-failed-logins" : "logins-busy", refused.getMessage());
            return;
        }
        // No Basic challenge: a browser would prompt for staff credentials and then send them on its
        // own with every request to this origin, a foreign page's included. Staff send Basic unasked.
        response.setHeader("WWW-Authenticate", "Bearer realm=\"veltrix\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Credentials are missing or wrong: staff send HTTP Basic credentials, players their Bearer token.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
                "These credentials may not do this.");
    }
}
