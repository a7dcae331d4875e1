package org.statefed.admin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import jdk.net.ExtendedSocketOptions;

/** The remote console's end of the admin socket: sends command lines to a running node, reads the results. */
public final class AdminClient implements AutoCloseable {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private AdminClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel));
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel));
    }

    /** @throws NodeNotRunningException naming the socket and what was found there */
    public static AdminClient connect(Path socket) throws NodeNotRunningException {
        Optional<String> untrusted;
        try {
            untrusted = Files.exists(socket, LinkOption.NOFOLLOW_LINKS) ? SocketOwnership.untrustedSocket(socket)
                    : Optional.empty();
        } catch (IOException e) {
            untrusted = Optional.of("its owner cannot be read (" + e.getMessage() + ")");
        }
        if (untrusted.isPresent()) {
            throw new NodeNotRunningException("refusing the admin socket " + socket + ": " + untrusted.get(), null);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            String found;
            if (!Files.exists(socket)) {
                found = "there is no such socket";
            } else if (!Files.isWritable(socket)) {
                found = "this user may not use it (only the node's user may)";
            } else {
                found = "nothing answers there (" + e.getMessage() + ")";
            }
            throw new NodeNotRunningException("no statefed node is running at the admin socket " + socket + ": "
                    + found + "; start one with statefed run -c FILE, or check admin_socket in the file", e);
        }
        NodeNotRunningException refusal;
        try {
            Optional<String> impostor = SocketOwnership.untrustedPeer(
                    channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName(), socket);
            if (impostor.isEmpty()) {
                return new AdminClient(channel);
            }
            refusal = new NodeNotRunningException("refusing the admin socket " + socket + ": " + impostor.get(), null);
        } catch (IOException | UnsupportedOperationException e) {
            refusal = new NodeNotRunningException("refusing the admin socket " + socket + ": the user of the process"
                    + " answering there cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            refusal.addSuppressed(e);
        }
        throw refusal;
    }

    /** Runs one command line in the node, its output collected (up to 64 MB). */
    public CommandResult execute(String line) throws IOException {
        AdminProtocol.writeRequest(out, line);
        return AdminProtocol.readResult(in);
    }

    /** Runs one command line in the node, its output written to {@code sink} as it arrives, whatever its length. */
    public CommandStatus execute(String line, OutputStream sink) throws IOException {
        AdminProtocol.writeRequest(out, line);
        return AdminProtocol.readResult(in, sink);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
