package jp.nimo.projection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A local TCP relay the tests' write side knows as the read side (nimo.read-url): the write side is started
 * once per JVM, before the read side under test has a port; a test points the relay at it when it needs the
 * write side to call the read side (a meeting pack's hash).
 */
final class ReadSideRelay {

    private final ServerSocket server;
    private volatile int target;

    ReadSideRelay() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::accept, "read-side-relay");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void pointAt(int port) {
        target = port;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // a connection that could not be relayed fails on the caller's side; keep accepting
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread copy = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other end closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "read-side-relay-pipe");
        copy.setDaemon(true);
        copy.start();
    }
}
