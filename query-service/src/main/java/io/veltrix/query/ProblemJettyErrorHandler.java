package io.veltrix.query;

import io.veltrix.platform.web.ApiProblems;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's last word on a request it refused before any servlet saw it (an ambiguous or badly
 * encoded path, headers over the size limit), as problem+json instead of Jetty's HTML page.
 */
final class ProblemJettyErrorHandler extends ErrorHandler {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(ApiProblems.beforeAnyServlet(code).getBytes(StandardCharsets.UTF_8)),
                callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        return ByteBuffer.wrap(ApiProblems.beforeAnyServlet(status).getBytes(StandardCharsets.UTF_8));
    }
}
