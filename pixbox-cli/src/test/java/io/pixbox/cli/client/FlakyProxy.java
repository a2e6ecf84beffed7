package io.pixbox.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a server that breaks its first connections once the client has sent some bytes, as a
 * flaky link does, and passes every later one through whole.
 */
final class FlakyProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger breaksLeft;
    private final long breakAfter;
    private final boolean losesAnswers;

    /** Breaks the first {@code breaks} connections after {@code breakAfter} bytes from the client. */
    FlakyProxy(int targetPort, int breaks, long breakAfter) throws IOException {
        this(targetPort, breaks, breakAfter, false);
    }

    /**
     * A link that passes the first {@code breaks} requests whole to the server, and breaks as the server's answer
     * comes back: the server did the work, the client never hears of it (HTTP/1.1, where the server speaks only
     * to answer).
     */
    static FlakyProxy losingAnswers(int targetPort, int breaks) throws IOException {
        return new FlakyProxy(targetPort, breaks, 0, true);
    }

    private FlakyProxy(int targetPort, int breaks, long breakAfter, boolean losesAnswers) throws IOException {
        this.losesAnswers = losesAnswers;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.breaksLeft = new AtomicInteger(breaks);
        this.breakAfter = breakAfter;
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many connections it has still to break. */
    int breaksLeft() {
        return Math.max(0, breaksLeft.get());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                long limit = breaksLeft.getAndDecrement() > 0 ? breakAfter : Long.MAX_VALUE;
                Thread.ofVirtual().start(() -> pump(client, server, losesAnswers ? Long.MAX_VALUE : limit));
                Thread.ofVirtual().start(() -> pump(server, client, losesAnswers ? limit : Long.MAX_VALUE));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[8192];
        long passed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                int allowed = (int) Math.min(read, limit - passed);
                out.write(buffer, 0, allowed);
                passed += allowed;
                if (passed >= limit) {
                    break; // the link breaks here
                }
            }
        } catch (IOException e) {
            // One side went away: the other goes too.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed already.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
