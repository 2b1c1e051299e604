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
 * Two worker threads, held by requests whose bodies never finish, while finds queue in front of
 * them; then released. The subclasses say what the queued finds are answered.
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

    /**
     * Holds both workers, queues {@link #QUEUED} finds behind them, releases the workers and
     * returns the finds' answers (status line and headers), in the order they were sent: those
     * queued, and before them any probe find a worker took before the holders reached it.
     */
    List<String> findsQueuedBehindHeldWorkers() throws Exception {
        List<Socket> holders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            // the body is announced but never sent: the worker thread waits in its read
            holders.add(send("POST /api/hunts HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ORGANIZER
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":"));
        }
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
            holder.close(); // both workers are free again and take the queued finds
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

    private Socket sendFind() throws IOException {
        String find = "{\"clueId\":\"" + UUID.randomUUID() + "\",\"answer\":\"x\"}";
        return send("POST /api/hunts/" + UUID.randomUUID() + "/finds HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + find.length() + "\r\n\r\n" + find);
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
