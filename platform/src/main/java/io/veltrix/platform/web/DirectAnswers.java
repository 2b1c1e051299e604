package io.veltrix.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Writes a handler's answer the way the full stack would, for the hot paths that call a
 * controller without Spring MVC and Spring Security: the status, the answer's headers, Spring
 * Security's default response headers and the body as JSON.
 */
public final class DirectAnswers {

    private DirectAnswers() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ResponseEntity<?> answer,
                             ObjectMapper json) throws IOException {
        Object body = answer.getBody();
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            // as Spring MVC fills it in for a problem it renders
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (response.getContentType() == null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
        // what Spring Security's default header writers add to every answer of the full stack over plain HTTP
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Frame-Options", "DENY");
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
