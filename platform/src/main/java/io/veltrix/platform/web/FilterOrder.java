package io.veltrix.platform.web;

import org.springframework.core.Ordered;

/**
 * Where the services' servlet filters stand, first to last: the guards every request passes (admission,
 * body size, cross-site refusal, content type, malformed query, database outage), the player page's CORS,
 * the hot paths that answer the launch-day requests themselves, and then Spring Boot's request
 * observation ({@code http.server.requests}), which Boot would put right after the guards. A hot path
 * times its answers with its own meter ({@code veltrix.hot.requests}); behind the observation each of
 * them would also pay for an observation of its own, an eighth of the command service's request
 * threads' CPU under a crowd of finds (JFR).
 */
public final class FilterOrder {

    public static final int GUARDS = Ordered.HIGHEST_PRECEDENCE;
    public static final int PAGE_CORS = GUARDS + 1;
    public static final int HOT_PATHS = GUARDS + 2;
    public static final int REQUEST_OBSERVATION = GUARDS + 3;

    private FilterOrder() {
    }
}
