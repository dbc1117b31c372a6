package org.safecase.query.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A school's webhook receiver: a real HTTP server (the JDK's) on a free loopback port, started once per test JVM,
 * whose URL and secret the shared test context configures for {@link QueryServiceTest#WEBHOOK_SCHOOL}. It records
 * every request as received (headers and raw body) and answers with the status a test chooses; a test can also
 * stop it (connections refused) and start it again on the same port.
 */
public final class WebhookReceiver {

    /** One request as it arrived, and what it was answered. */
    public record Request(Map<String, List<String>> headers, String body, int answered) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private static WebhookReceiver shared;

    private final String secret;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile int answer = 204;
    private int port;
    private HttpServer server;

    private WebhookReceiver() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public static synchronized WebhookReceiver shared() {
        if (shared == null) {
            shared = new WebhookReceiver();
            shared.start();
            WebhookReceiver started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "webhook-receiver-shutdown"));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/safecase/alerts";
    }

    /** The school's secret, {@code whsec_} and Base64 of 32 random bytes: made once, never written down. */
    public String secret() {
        return secret;
    }

    /** Listens again, on the port it had (the configured URL), answering as it was told. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the webhook receiver cannot listen on port " + port, e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
                int status = answer;
                received.add(new Request(headers, body, status));
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening: attempts meet a refused connection until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public void answerWith(int status) {
        this.answer = status;
    }

    public List<Request> received() {
        return List.copyOf(received);
    }

    /** The requests carrying this webhook-id, in the order they arrived. */
    public List<Request> receivedFor(String webhookId) {
        return received.stream().filter(request -> webhookId.equals(request.header("webhook-id"))).toList();
    }

    /** Listening, answering 204, nothing received. */
    public void reset() {
        start();
        answerWith(204);
        received.clear();
    }
}
