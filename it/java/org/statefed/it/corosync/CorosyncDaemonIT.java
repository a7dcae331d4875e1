package org.statefed.it.corosync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.statefed.it.fixture.CorosyncDaemon;

/** The fixture's promises: one daemon per machine, taken in turns across JVMs, and really stopped. */
class CorosyncDaemonIT {

    @Test
    void whileADaemonRunsNoOtherJvmOnTheMachineCanTakeTheCorosyncSlot() throws Exception {
        try (CorosyncDaemon daemon = CorosyncDaemon.start()) {
            assertThat(daemon.isRunning()).isTrue();
            assertThat(probeLock()).isEqualTo("BUSY");
        }
        assertThat(probeLock()).isEqualTo("LOCKED");
    }

    @Test
    void stopEndsTheDaemonProcessAndRestartBringsUpANewOne() {
        try (CorosyncDaemon daemon = CorosyncDaemon.start()) {
            long first = daemon.pid();
            daemon.stop();
            assertThat(daemon.isRunning()).isFalse();
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive)).as("corosync pid %d", first)
                    .isNotEqualTo(Optional.of(true));
            daemon.restart();
            assertThat(daemon.isRunning()).isTrue();
            assertThat(daemon.pid()).isNotEqualTo(first);
        }
    }

    private static String probeLock() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockProbeMain.class.getName(), CorosyncDaemon.LOCK_FILE.toString()).redirectErrorStream(true).start();
        // A JVM start on a loaded 2-core machine; the probe itself only tries the lock once.
        assertThat(probe.waitFor(CpgMemberProcess.JVM_START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
