package dev.paperdigest.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports on the loopback interface. */
final class FreePort {

    private FreePort() {
    }

    /** An ephemeral port that was free a moment ago (a tiny race remains; the broker and servers bind right after). */
    static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** The wanted port, or any free one when {@code wanted} is 0. */
    static int orAny(int wanted) {
        return wanted == 0 ? any() : wanted;
    }

    /** Whether something already listens on the loopback port. */
    static boolean isInUse(int port) {
        try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
