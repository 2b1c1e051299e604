package io.veltrix.command.groupcommit;

import static org.awaitility.Awaitility.await;

import io.veltrix.command.CommandServiceIT;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Two worker threads, held (by requests whose bodies never finish, or by a find waiting for its
 * commit) while finds queue in front of them; then released. The subclasses say what the queued
 * finds are answered.
 */
@TestPropertySource(properties = {"server.tomcat.threads.max=2", "server.tomcat.threads.min-spare=2",
        "veltrix.admission.max-waiting-requests=1"})
abstract class HeldWorkersIT extends CommandServiceIT {

    static final int QUEUED = 6;

    @Autowired
    WorkerBacklog backlog;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** A request whose body is announced but never sent: the worker thread that takes it waits in its read. */
    static final String WITHOUT_BODY = "POST /api/hunts HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ORGANIZER
            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":";

    /** {@link #findsQueuedBehind(String, String)} two requests without bodies. */
    List<String> findsQueuedBehindHeldWorkers() throws Exception {
        return findsQueuedBehind(WITHOUT_BODY, WITHOUT_BODY);
    }

    /**
     * Holds both workers with the two requests given, queues {@link #QUEUED} finds behind them,
     * closes the holders' connections (which frees a worker waiting for a body) and returns the
     * finds' answers (status line and headers), in the order they were sent: those queued, and
     * before them any probe find a worker took before the holders reached it.
     */
    List<String> findsQueuedBehind(String first, String second) throws Exception {
        List<Socket> holders = List.of(send(first), send(second));
        List<Socket> finds = new ArrayList<>();
        // the holders may reach a worker after a find sent just after them: send finds one by one
        // until one stays queued, then both workers are held. Tomcat's queue also holds a request
        // for the moment before an idle worker takes it, so only a find still queued after a
        // while shows that no worker is idle.
        do {
            if (finds.size() == 20) {
                throw new AssertionError("the two requests without bodies never held both workers");
            }
            finds.add(sendFind());
        } while (!stillQueuedAfter(Duration.ofMillis(300)));
        for (int i = 1; i < QUEUED; i++) {
            finds.add(sendFind());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog.size() == QUEUED);

        for (Socket holder : holders) {
            holder.close(); // a worker waiting for a body is free again and takes the queued finds
        }
        List<String> answers = new ArrayList<>();
        for (Socket socket : finds) {
            answers.add(head(socket));
        }
        return answers;
    }

    /**
     * Whether a request still waits for a worker after the given time: long enough for the
     * request to arrive, far too long for it to stay queued while a worker is idle.
     */
    private boolean stillQueuedAfter(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
        return backlog.size() > 0;
    }

    /** A find without a token: admitted, it is answered 401 without reaching the group commit. */
    private Socket sendFind() throws IOException {
        return send(findRequest(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "x", null));
    }

    /** The raw request of a find, with the player's Bearer token unless {@code token} is null. */
    static String findRequest(String huntId, String clueId, String answer, String token) {
        String find = "{\"clueId\":\"" + clueId + "\",\"answer\":\"" + answer + "\"}";
        return "POST /api/hunts/" + huntId + "/finds HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: " + bearer(token) + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + find.length() + "\r\n\r\n" + find;
    }

    private Socket send(String request) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(20_000);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    /** The status line and headers of the answer. */
    private static String head(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.append(line).append('\n');
        }
        return head.toString();
    }
}
