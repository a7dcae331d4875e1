package org.statefed.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;

/**
 * Who owns the admin socket and its directory. In a directory other users may write (e.g.
 * {@code /tmp}) another user can create the socket path before the node starts: the node must not
 * take it for a crashed node's leftover, and {@code -rx} must not send commands to it. Two checks: the
 * file's owner before connecting (only the owner and root can change it), and the user of the
 * process that answers ({@code SO_PEERCRED}) once connected, which also covers a file swapped
 * between the two.
 */
final class SocketOwnership {
    private static final String ROOT = "root";

    private SocketOwnership() {
    }

    /** The user this process runs as. */
    static String currentUser() {
        return System.getProperty("user.name");
    }

    /** The owner of {@code path} itself (not of what a symbolic link points to). */
    static String owner(Path path) throws IOException {
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
    }

    /**
     * Why the node must not create its socket in {@code directory}, if it must not: a directory every
     * user may write without the sticky bit lets any of them replace the socket at any time.
     */
    static Optional<String> unsafeDirectory(Path directory) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
        if (attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE) && !isSticky(directory)) {
            return Optional.of("its directory " + directory + " may be written by every user (mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions())
                    + ", no sticky bit), so any of them could replace the socket; put admin_socket in a directory"
                    + " only this user can write, e.g. /run/statefed/statefed.sock");
        }
        return Optional.empty();
    }

    /** Whether a directory others may write lets other users create the socket path first. */
    static boolean othersMayCreateIn(Path directory) throws IOException {
        return Files.readAttributes(directory, PosixFileAttributes.class).permissions()
                .contains(PosixFilePermission.OTHERS_WRITE);
    }

    /**
     * Why a client must not trust {@code socket}, if it must not. Trusted: a socket of the current
     * user; for root, also one whose owner owns its directory, which no other user may write (a node
     * running as a service user in its own {@code /run/statefed}).
     */
    static Optional<String> untrustedSocket(Path socket) throws IOException {
        String me = currentUser();
        String owner = owner(socket);
        if (owner.equals(me)) {
            return Optional.empty();
        }
        Path directory = socket.toAbsolutePath().getParent();
        if (me.equals(ROOT) && owner(directory).equals(owner) && !othersMayCreateIn(directory)
                && !groupMayWrite(directory)) {
            return Optional.empty();
        }
        return Optional.of("it belongs to user '" + owner + "', not to '" + me + "' who runs this command"
                + (me.equals(ROOT) ? " nor to the owner of its directory" : "")
                + ", so it may be another user's impostor and no command is sent to it; run this as the node's"
                + " user, or check admin_socket and remove the file if it is not your node's");
    }

    /**
     * Why a client must not talk to the process answering on {@code socket}, running as {@code peer},
     * if it must not: trusted is the current user, and for root the owner of a socket that
     * {@link #untrustedSocket} trusts.
     */
    static Optional<String> untrustedPeer(String peer, Path socket) throws IOException {
        String me = currentUser();
        if (peer.equals(me) || me.equals(ROOT) && peer.equals(owner(socket)) && untrustedSocket(socket).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the process answering there runs as user '" + peer + "', not as '" + me + "' who runs"
                + " this command" + (me.equals(ROOT) ? " nor as the socket's owner" : "") + ", so it may be another"
                + " user's impostor and no command is sent to it; check admin_socket and which process serves it");
    }

    private static boolean groupMayWrite(Path directory) throws IOException {
        return Files.readAttributes(directory, PosixFileAttributes.class).permissions()
                .contains(PosixFilePermission.GROUP_WRITE);
    }

    private static boolean isSticky(Path directory) throws IOException {
        try {
            return ((Integer) Files.getAttribute(directory, "unix:mode") & 01000) != 0;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No "unix" view: assume the worst, as if the bit were missing.
            return false;
        }
    }
}
