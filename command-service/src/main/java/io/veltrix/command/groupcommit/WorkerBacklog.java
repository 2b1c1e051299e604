package io.veltrix.command.groupcommit;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.ApplicationListener;

/**
 * The requests that have arrived and wait for one of the web server's worker threads. When the
 * cores, not the database, are short, this is where requests queue: in front of every filter,
 * where the group commit's own queue cannot see them. Read from Tomcat's executor once the server
 * has started; zero before, and with a server that is not Tomcat.
 */
public final class WorkerBacklog implements ApplicationListener<WebServerInitializedEvent> {

    private volatile Collection<?> waiting = List.of();

    /** Requests waiting for a worker thread now (a queue's size: one atomic read). */
    public int size() {
        return waiting.size();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!(event.getWebServer() instanceof TomcatWebServer tomcat)) {
            return;
        }
        for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
            Executor executor = connector.getProtocolHandler().getExecutor();
            if (executor instanceof org.apache.tomcat.util.threads.ThreadPoolExecutor pool) {
                waiting = pool.getQueue();
            } else if (executor instanceof java.util.concurrent.ThreadPoolExecutor pool) {
                waiting = pool.getQueue();
            }
        }
    }
}
