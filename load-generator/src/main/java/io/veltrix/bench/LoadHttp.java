package io.veltrix.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the load streams ask of an HTTP client: a GET answered with its status only, or any request
 * answered whole, over a capped pool of keep-alive connections to one host, each request failing
 * with an IOException after the client's timeout. {@link RawHttp} is the one the streams use;
 * {@link JettyHttp} is the library client it is measured against ({@link ClientCost}).
 */
interface LoadHttp extends AutoCloseable {

    /** Sends {@code GET pathAndQuery}; completes with the response's status, its body dropped. */
    CompletableFuture<Integer> get(String pathAndQuery);

    /** Sends {@code method pathAndQuery} with {@code headers} (name, value pairs) and {@code body} (null: none). */
    CompletableFuture<RawHttp.Response> send(String method, String pathAndQuery, List<String[]> headers, byte[] body);

    /** Connections opened so far, reconnects included. */
    int connectionsOpened();

    @Override
    void close();
}
