package org.safecase.localstack;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;

/**
 * Whether a port of this machine answers on an address: for the tests that check the local stack, with
 * its public demo passwords, listens on loopback only.
 */
public final class Reachability {

    private Reachability() {
    }

    /** This machine's addresses other than loopback and link-local ones: where other machines reach it. */
    public static List<InetAddress> outsideAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(Reachability::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .filter(a -> !(a instanceof Inet6Address six) || six.getScopeId() == 0)
                    .toList();
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces", e);
        }
    }

    /** Whether something accepts a TCP connection on the address and port (within a second). */
    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp() && !networkInterface.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
