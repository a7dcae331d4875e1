package org.statefed.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.state.DeviceState;

/** The admin socket: owner-only, one node per path, stale sockets replaced, the framing of results. */
class AdminSocketServerTest {
    @TempDir
    Path dir;

    private final FakeNode node = new FakeNode(Map.of("1234@default", "Custom:a"));
    private final CommandRegistry registry = CommandRegistry.standard(node);
    private AdminSocketServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSocketIsOwnerOnlyAndADirectoryItNeedsIsMadeOwnerOnly() throws Exception {
        Path socket = dir.resolve("run/statefed/statefed.sock");

        server = AdminSocketServer.start(socket, registry);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
        try (var entries = Files.list(socket.getParent())) {
            assertThat(entries).as("no private binding directory left behind").containsExactly(socket);
        }
    }

    @Test
    void oneConnectionRunsCommandsOneAfterAnotherWithTheirStatus() throws Exception {
        server = AdminSocketServer.start(dir.resolve("a.sock"), registry);

        try (AdminClient client = AdminClient.connect(dir.resolve("a.sock"))) {
            assertThat(client.execute("devstate change Custom:a RINGING"))
                    .isEqualTo(new CommandResult(CommandStatus.SUCCESS, "Changing Custom:a to RINGING\n"));
            assertThat(client.execute("core show hints").output()).contains("State:Ringing ");
            assertThat(client.execute("devstate change Custom:a").status()).isEqualTo(CommandStatus.USAGE);
            assertThat(client.execute("core show hint").status()).isEqualTo(CommandStatus.UNKNOWN_COMMAND);
            assertThat(client.execute("xmpp list nodes").status()).isEqualTo(CommandStatus.FAILURE);
        }
        assertThat(node.devices().aggregate("Custom:a")).isEqualTo(DeviceState.RINGING);
    }

    @Test
    void resultsAreFramedAsStatusAndLengthThenTheOutput() throws Exception {
        server = AdminSocketServer.start(dir.resolve("a.sock"), registry);

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("a.sock")))) {
            OutputStream out = Channels.newOutputStream(channel);
            InputStream in = Channels.newInputStream(channel);
            out.write("devstate change Custom:ü BUSY\r\n".getBytes(StandardCharsets.UTF_8));

            String expected = "Changing Custom:ü to BUSY\n";
            byte[] header = ("0 " + expected.getBytes(StandardCharsets.UTF_8).length + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(new String(in.readNBytes(header.length), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(header, StandardCharsets.US_ASCII));
            assertThat(new String(in.readNBytes(expected.getBytes(StandardCharsets.UTF_8).length),
                    StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    /**
     * Issue 10 #8: 620 000 devices made 71 MB of {@code devstate list}, more than a client collects;
     * it arrives in frames of bounded size, and the node never builds it as one string. Fewer devices
     * with long names make as many bytes at less cost to the test machine.
     */
    @Test
    void aHugeListIsStreamedInBoundedFrames() throws Exception {
        int devices = 250_000;
        String prefix = "PJSIP/" + "branch-office-".repeat(14);
        for (int i = 0; i < devices; i++) {
            node.devices().update(prefix + String.format("phone-%07d", i), FakeNode.OTHER, DeviceState.INUSE, true);
        }
        server = AdminSocketServer.start(dir.resolve("a.sock"), registry);
        CountingSink sink = new CountingSink();

        CommandStatus status;
        try (AdminClient client = AdminClient.connect(dir.resolve("a.sock"))) {
            status = client.execute("devstate list", sink);
            assertThat(client.execute("devstate list like phone-0000001$").output())
                    .as("the connection carries on after a streamed answer")
                    .contains("--- Name: '" + prefix + "phone-0000001'").doesNotContain("phone-0000002");
        }

        assertThat(status).isEqualTo(CommandStatus.SUCCESS);
        assertThat(sink.total).as("more than a client would collect").isGreaterThan(AdminProtocol.MAX_OUTPUT_BYTES);
        assertThat(sink.largestWrite).as("largest frame").isLessThanOrEqualTo(2 * CommandOutput.CHUNK_CHARS);
        assertThat(sink.lines).isEqualTo(3L * devices + 8);
    }

    /** Counts what a client prints, keeping none of it. */
    private static final class CountingSink extends OutputStream {
        long total;
        long lines;
        int largestWrite;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            total += length;
            largestWrite = Math.max(largestWrite, length);
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                }
            }
        }
    }

    /** Issue 10 #12: sixteen clients that connect and say nothing used to lock every command out. */
    @Test
    void silentClientsCannotLockTheConsoleOut() throws Exception {
        Path socket = dir.resolve("a.sock");
        server = AdminSocketServer.start(socket, registry);
        java.util.List<SocketChannel> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3 * AdminSocketServer.MAX_CONNECTIONS; i++) {
                silent.add(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
            }

            try (AdminClient client = AdminClient.connect(socket)) {
                assertThat(client.execute("devstate change Custom:a BUSY"))
                        .isEqualTo(new CommandResult(CommandStatus.SUCCESS, "Changing Custom:a to BUSY\n"));
            }
            assertThat(Channels.newInputStream(silent.get(0)).read())
                    .as("the client that waited longest gave up its place").isEqualTo(-1);
        } finally {
            for (SocketChannel channel : silent) {
                channel.close();
            }
        }
    }

    /** Issue 10 #12: sixteen clients that ask for a long list and never read it cannot lock the console out either. */
    @Test
    void clientsThatDoNotReadTheirAnswersCannotLockTheConsoleOut() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            node.devices().update(String.format("PJSIP/%07d", i), FakeNode.OTHER, DeviceState.INUSE, true);
        }
        Path socket = dir.resolve("a.sock");
        server = AdminSocketServer.start(socket, registry);
        java.util.List<SocketChannel> hogs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < AdminSocketServer.MAX_CONNECTIONS; i++) {
                SocketChannel hog = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                hogs.add(hog);
                Channels.newOutputStream(hog).write("devstate list\n".getBytes(StandardCharsets.US_ASCII));
                // The first frame's header: the command runs, and its thread will block on the unread rest.
                assertThat(new String(Channels.newInputStream(hog).readNBytes(5), StandardCharsets.US_ASCII))
                        .isEqualTo("more ");
            }

            try (AdminClient client = AdminClient.connect(socket)) {
                assertThat(client.execute("devstate change Custom:a BUSY"))
                        .isEqualTo(new CommandResult(CommandStatus.SUCCESS, "Changing Custom:a to BUSY\n"));
            }
        } finally {
            for (SocketChannel hog : hogs) {
                hog.close();
            }
        }
    }

    /** Issue 10 #12: a client that never finishes its command line is closed after the idle timeout. */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aConnectionThatMakesNoProgressIsClosedAfterTheIdleTimeout() throws Exception {
        java.time.Duration idle = java.time.Duration.ofSeconds(1);
        Path socket = dir.resolve("a.sock");
        server = AdminSocketServer.start(socket, registry, idle);

        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                SocketChannel slow = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            long start = System.nanoTime();
            Channels.newOutputStream(slow).write("devstate li".getBytes(StandardCharsets.US_ASCII));

            assertThat(Channels.newInputStream(silent).read()).as("closed").isEqualTo(-1);
            assertThat(Channels.newInputStream(slow).read()).as("closed").isEqualTo(-1);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(idle);
        }
        try (AdminClient client = AdminClient.connect(socket)) {
            assertThat(client.execute("help").succeeded()).as("the server still answers").isTrue();
        }
    }

    private static final int NOBODY = 65534;

    private static void assumeRoot() {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root can give a file to another user, to play the squatter");
    }

    /** The name of uid 65534 on this system (nobody, or nfsnobody on some). */
    private String nameOfNobody() throws Exception {
        Path probe = Files.createFile(dir.resolve("owner-probe"));
        Files.setAttribute(probe, "unix:uid", NOBODY);
        return Files.getOwner(probe).getName();
    }

    /** A socket answering at {@code socket}, then given to uid 65534 as if that user had created it. */
    private static ServerSocketChannel squat(Path socket) throws Exception {
        ServerSocketChannel impostor = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        impostor.bind(UnixDomainSocketAddress.of(socket));
        Files.setAttribute(socket, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return impostor;
    }

    /** Issue 10 #17: another user's socket at our path is neither taken for a running node nor removed. */
    @Test
    void aSocketAnotherUserCreatedFirstIsRefusedByTheNode() throws Exception {
        assumeRoot();
        Path socket = dir.resolve("a.sock");
        try (ServerSocketChannel impostor = squat(socket)) {
            String owner = Files.getOwner(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName();

            assertThatThrownBy(() -> AdminSocketServer.bind(socket))
                    .isInstanceOf(AdminSocketException.class)
                    .hasMessage("the admin socket " + socket + " already exists and belongs to user '" + owner
                            + "', not to 'root' who runs this node; another user may have put it there"
                            + " to pose as statefed. Remove it, and put admin_socket in a directory only this user"
                            + " can write, e.g. /run/statefed/statefed.sock");
            assertThat(socket).exists();
        }
    }

    /** Issue 10 #17: {@code -rx} sends nothing to a socket another user owns in a directory anyone may write. */
    @Test
    void theClientRefusesASocketAnotherUserOwns() throws Exception {
        assumeRoot();
        Path shared = Files.createDirectory(dir.resolve("tmp"));
        Files.setAttribute(shared, "unix:mode", 01777);
        Path socket = shared.resolve("a.sock");
        try (ServerSocketChannel impostor = squat(socket)) {
            String owner = Files.getOwner(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName();

            assertThatThrownBy(() -> AdminClient.connect(socket))
                    .isInstanceOf(NodeNotRunningException.class)
                    .hasMessage("refusing the admin socket " + socket + ": it belongs to user '" + owner + "', not to"
                            + " 'root' who runs this command nor to the owner of its directory, so it may be another"
                            + " user's impostor and no command is sent to it; run this as the node's user, or check"
                            + " admin_socket and remove the file if it is not your node's");
        }
    }

    /**
     * Issue 10 #17: the file check passes (the socket file is root's), but the process answering runs as
     * another user: SO_PEERCRED shows it, and no command is sent.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void theClientRefusesAProcessOfAnotherUserEvenBehindItsOwnFile() throws Exception {
        assumeRoot();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && Files.isExecutable(Path.of("/usr/bin/python3")), "setpriv and python3 are needed to listen as"
                + " another user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path socket = shared.resolve("a.sock");
        Process impostor = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "/usr/bin/python3", "-c", "import socket, sys\n"
                        + "s = socket.socket(socket.AF_UNIX)\n"
                        + "s.bind(sys.argv[1]); s.listen(4)\n"
                        + "print('ready', flush=True)\n"
                        + "c, _ = s.accept()\n"
                        + "print('received', repr(c.recv(100)), flush=True)\n", socket.toString())
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(impostor.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("ready");
            Files.setAttribute(socket, "unix:uid", 0, java.nio.file.LinkOption.NOFOLLOW_LINKS);

            assertThatThrownBy(() -> AdminClient.connect(socket))
                    .isInstanceOf(NodeNotRunningException.class)
                    .hasMessage("refusing the admin socket " + socket + ": the process answering there runs as user"
                            + " '" + nameOfNobody() + "', not as 'root' who runs this command nor as the socket's owner, so it may be another"
                            + " user's impostor and no command is sent to it; check admin_socket and which process"
                            + " serves it");
            assertThat(lines.readLine()).as("nothing was sent").isEqualTo("received b''");
        } finally {
            impostor.destroyForcibly();
        }
    }

    /** Root may use the socket of a node running as a service user in that user's own directory. */
    @Test
    void rootTrustsASocketWhoseOwnerOwnsItsPrivateDirectory() throws Exception {
        assumeRoot();
        Path own = Files.createDirectory(dir.resolve("statefed"));
        Path socket = own.resolve("a.sock");
        server = AdminSocketServer.start(socket, registry);
        Files.setAttribute(socket, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(own, "unix:uid", NOBODY);

        try (AdminClient client = AdminClient.connect(socket)) {
            assertThat(client.execute("help").succeeded()).isTrue();
        }
    }

    @Test
    void aDirectoryEveryUserMayWriteWithoutTheStickyBitIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path socket = open.resolve("a.sock");

        assertThatThrownBy(() -> AdminSocketServer.bind(socket))
                .isInstanceOf(AdminSocketException.class)
                .hasMessage("will not create the admin socket " + socket + ": its directory " + open + " may be"
                        + " written by every user (mode rwxrwxrwx, no sticky bit), so any of them could replace the"
                        + " socket; put admin_socket in a directory only this user can write, e.g."
                        + " /run/statefed/statefed.sock");
        assertThat(socket).doesNotExist();
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedAndTheConnectionClosed() throws Exception {
        server = AdminSocketServer.start(dir.resolve("a.sock"), registry);

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("a.sock")))) {
            Channels.newOutputStream(channel).write(("x".repeat(AdminProtocol.MAX_LINE_BYTES + 10) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = Channels.newInputStream(channel);

            CommandResult result = AdminProtocol.readResult(in);

            assertThat(result.status()).isEqualTo(CommandStatus.USAGE);
            assertThat(result.output()).isEqualTo("Command longer than 4096 bytes.\n");
            assertThat(in.read()).as("closed").isEqualTo(-1);
        }
    }

    @Test
    void aSecondNodeOnTheSameSocketRefusesToStart() throws Exception {
        Path socket = dir.resolve("a.sock");
        server = AdminSocketServer.start(socket, registry);

        assertThatThrownBy(() -> AdminSocketServer.bind(socket))
                .isInstanceOf(AdminSocketException.class)
                .hasMessage("another statefed node is running: it answers on the admin socket " + socket
                        + "; stop it first (statefed -c FILE -rx \"core show settings\" shows which it is), "
                        + "or give this node another admin_socket");
        try (AdminClient client = AdminClient.connect(socket)) {
            assertThat(client.execute("help").succeeded()).as("the first node still answers").isTrue();
        }
    }

    @Test
    void aStaleSocketLeftByACrashIsReplaced() throws Exception {
        Path socket = dir.resolve("a.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        server = AdminSocketServer.start(socket, registry);

        try (AdminClient client = AdminClient.connect(socket)) {
            assertThat(client.execute("core show hints").output()).contains("1234@default");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    }

    @Test
    void aFileThatIsNotASocketIsNeverRemoved() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "keep me");

        assertThatThrownBy(() -> AdminSocketServer.bind(file))
                .isInstanceOf(AdminSocketException.class)
                .hasMessage(file + " exists and is not a socket; remove it or set admin_socket to another path");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void closingRemovesTheSocketAndClientsThenHearNoNodeRuns() throws Exception {
        Path socket = dir.resolve("a.sock");
        server = AdminSocketServer.start(socket, registry);

        server.close();

        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> AdminClient.connect(socket))
                .isInstanceOf(NodeNotRunningException.class)
                .hasMessage("no statefed node is running at the admin socket " + socket + ": there is no such socket; "
                        + "start one with statefed run -c FILE, or check admin_socket in the file");
    }

    @Test
    void closingLeavesAnotherNodesSocketAlone() throws Exception {
        Path socket = dir.resolve("a.sock");
        server = AdminSocketServer.start(socket, registry);
        Files.delete(socket);
        try (AdminSocketServer other = AdminSocketServer.start(socket, registry)) {
            server.close();

            try (AdminClient client = AdminClient.connect(socket)) {
                assertThat(client.execute("help").succeeded()).isTrue();
            }
        }
    }

    @Test
    void aStaleSocketNobodyServesIsReportedAsNoNodeRunning() throws Exception {
        Path socket = dir.resolve("a.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }

        assertThatThrownBy(() -> AdminClient.connect(socket))
                .isInstanceOf(NodeNotRunningException.class)
                .hasMessageStartingWith("no statefed node is running at the admin socket " + socket
                        + ": nothing answers there (");
    }
}
