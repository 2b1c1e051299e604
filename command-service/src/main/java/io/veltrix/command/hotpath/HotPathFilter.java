package io.veltrix.command.hotpath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.veltrix.command.groupcommit.HotRequests;
import io.veltrix.command.player.FindController;
import io.veltrix.command.player.PlayerRegistrationController;
import io.veltrix.command.team.TeamController;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokenCache;
import io.veltrix.platform.security.PlayerTokenFilter;
import io.veltrix.platform.web.ApiProblems;
import io.veltrix.platform.web.BodyTooLarge;
import io.veltrix.platform.web.DirectAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The requests of a launch-day stampede, a find with a valid player token and an anonymous
 * registration, team creation or team join, answered by {@link FindController}'s,
 * {@link PlayerRegistrationController}'s and {@link TeamController}'s own methods without the rest
 * of the stack: no Spring Security filter chain, no request observation, no MVC dispatch and
 * argument resolution. Those layers were two thirds of the command service's CPU per find (JFR).
 *
 * <p>It takes only what the full stack would accept the same way: a find whose Bearer token is a
 * known player (the same token cache as the security chain; the controller checks the hunt), a
 * registration, team creation or join without credentials (the security chain lets those through
 * to anyone, and answers any credentials sent with them itself), a path without percent-escapes
 * (MVC decodes those), a JSON body that reads as the request record. Everything else (no or unknown
 * token, Basic credentials, another content type, unreadable JSON, which is passed on with the
 * bytes already read) goes through the full stack, whose answers the tests pin. Answers carry the
 * headers Spring Security would add; errors are rendered by the same {@link ApiProblems}. Its
 * timings are the {@code veltrix.hot.requests} meter, as the full stack's are
 * {@code http.server.requests}.
 */
public final class HotPathFilter extends OncePerRequestFilter {

    private final FindController findController;
    private final PlayerRegistrationController registrationController;
    private final TeamController teams;
    private final PlayerTokenCache tokens;
    private final ObjectMapper json;
    private final ApiProblems problems;
    private final Timer finds;
    private final Timer registrations;
    private final Timer teamCreations;
    private final Timer teamJoins;
    /** The bodies' readers, their types resolved once rather than per request. */
    private final ObjectReader findBody;
    private final ObjectReader registrationBody;
    private final ObjectReader newTeamBody;
    private final ObjectReader newMemberBody;

    public HotPathFilter(FindController findController, PlayerRegistrationController registrationController,
                         TeamController teams, PlayerTokenCache tokens, ObjectMapper json,
                         ApiProblems problems, MeterRegistry meters) {
        this.findController = findController;
        this.registrationController = registrationController;
        this.teams = teams;
        this.tokens = tokens;
        this.json = json;
        this.problems = problems;
        this.finds = Timer.builder("veltrix.hot.requests").tag("request", "find").register(meters);
        this.registrations = Timer.builder("veltrix.hot.requests").tag("request", "registration").register(meters);
        this.teamCreations = Timer.builder("veltrix.hot.requests").tag("request", "team-creation").register(meters);
        this.teamJoins = Timer.builder("veltrix.hot.requests").tag("request", "team-join").register(meters);
        this.findBody = json.readerFor(FindController.Find.class);
        this.registrationBody = json.readerFor(PlayerRegistrationController.Registration.class);
        this.newTeamBody = json.readerFor(TeamController.NewTeam.class);
        this.newMemberBody = json.readerFor(TeamController.NewMember.class);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !isJson(request.getContentType());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.indexOf('%') >= 0) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = request.getHeader("Authorization");
        String findHunt = HotRequests.huntOf(path, HotRequests.FINDS);
        if (findHunt != null) {
            String token = PlayerTokenFilter.bearerToken(request);
            PlayerPrincipal player = token == null ? null : tokens.find(token).orElse(null);
            if (player == null) {
                chain.doFilter(request, response);
                return;
            }
            this.<FindController.Find>serve(request, response, chain, findBody, finds,
                    (body, key) -> findController.find(findHunt, body, player, key, request));
            return;
        }
        if (authorization != null) {
            chain.doFilter(request, response);
            return;
        }
        String registrationHunt = HotRequests.huntOf(path, HotRequests.PLAYERS);
        if (registrationHunt != null) {
            this.<PlayerRegistrationController.Registration>serve(request, response, chain, registrationBody, registrations,
                    (body, key) -> registrationController.register(registrationHunt, body, key, request));
            return;
        }
        String creationHunt = HotRequests.huntOf(path, HotRequests.TEAMS);
        if (creationHunt != null) {
            this.<TeamController.NewTeam>serve(request, response, chain, newTeamBody, teamCreations,
                    (body, key) -> teams.create(creationHunt, body, key, request));
            return;
        }
        String joinedTeam = HotRequests.teamOfJoin(path);
        if (joinedTeam != null) {
            String joinHunt = HotRequests.huntOfJoin(path);
            this.<TeamController.NewMember>serve(request, response, chain, newMemberBody, teamJoins,
                    (body, key) -> teams.join(joinHunt, joinedTeam, body, key, request));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Reads the body with {@code reader} and answers with {@code handler} (given the body and the
     * Idempotency-Key header), timed by {@code timer}; an unreadable body goes to the full stack.
     */
    private <T> void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                           ObjectReader reader, Timer timer, Handler<T> handler) throws IOException, ServletException {
        long start = System.nanoTime();
        T body = read(request, response, chain, reader);
        if (body != null) {
            String key = request.getHeader("Idempotency-Key");
            answer(request, response, () -> handler.handle(body, key));
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @FunctionalInterface
    private interface Handler<T> {
        ResponseEntity<?> handle(T body, String idempotencyKey);
    }

    /** The body as {@code reader} reads it; null when it was answered or handed to the full stack instead. */
    private <T> T read(HttpServletRequest request, HttpServletResponse response, FilterChain chain, ObjectReader reader)
            throws IOException, ServletException {
        byte[] bytes;
        try {
            bytes = readBody(request);
        } catch (BodyTooLarge tooLarge) {
            problems.writeTooLarge(request, response, tooLarge.limit());
            return null;
        }
        T body;
        try {
            body = reader.readValue(bytes);
        } catch (IOException unreadable) {
            body = null;
        }
        if (body == null) {
            // the full stack words every kind of unreadable body; it reads the bytes read here
            chain.doFilter(new ReadBody(request, bytes), response);
        }
        return body;
    }

    /**
     * The body's bytes, into one array of the declared length when there is one ({@code readAllBytes}
     * grows 16 KB buffers: nearly a quarter of the service's allocations at 200 finds a second, JFR).
     */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        int declared = request.getContentLength();
        if (declared < 0) {
            return request.getInputStream().readAllBytes();
        }
        byte[] bytes = new byte[declared];
        int read = request.getInputStream().readNBytes(bytes, 0, declared);
        return read == declared ? bytes : Arrays.copyOf(bytes, read);
    }

    @FunctionalInterface
    private interface Call {
        ResponseEntity<?> call();
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, Call call) throws IOException {
        ResponseEntity<?> answer;
        try {
            answer = call.call();
        } catch (Exception e) {
            answer = problems.unexpected(e);
        }
        DirectAnswers.write(request, response, answer, json);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }

    /** The request with the body bytes that were already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] bytes;

        ReadBody(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }
    }
}
