package org.statefed.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.statefed.demo.server.CommandResult;

class ProsodyInstallationTest {
    private static final Path SCRIPT = Path.of("/src/statefed/scripts/install-test-deps.sh");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<Path> scriptsRun = new ArrayList<>();

    @Test
    void installedProsodyNeedsNothing() {
        new ProsodyInstallation(program -> true, true, Optional.of(SCRIPT), this::failingScript).ensureInstalled(out);

        assertThat(scriptsRun).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void rootInACheckoutInstallsProsodyWithTheTestsScript() {
        AtomicBoolean installed = new AtomicBoolean();
        new ProsodyInstallation(program -> installed.get(), true, Optional.of(SCRIPT), script -> {
            scriptsRun.add(script);
            installed.set(true);
            return new CommandResult(0, "");
        }).ensureInstalled(out);

        assertThat(scriptsRun).containsExactly(SCRIPT);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("prosody is not installed; installing it with " + SCRIPT).contains("prosody installed.");
    }

    @Test
    void aFailedInstallationSaysWhatTheScriptPrinted() {
        ProsodyInstallation installation = new ProsodyInstallation(program -> false, true, Optional.of(SCRIPT),
                this::failingScript);

        assertThatThrownBy(() -> installation.ensureInstalled(out)).isInstanceOf(DemoException.class)
                .hasMessageContaining("did not install prosody (exit code 100)").hasMessageContaining("E: no network");
    }

    @Test
    void withoutRootItSaysExactlyWhatToInstallAndRunsNothing() {
        ProsodyInstallation installation = new ProsodyInstallation(program -> false, false, Optional.of(SCRIPT),
                this::failingScript);

        assertThatThrownBy(() -> installation.ensureInstalled(out)).isInstanceOf(DemoException.class)
                .hasMessageContaining("prosody, which is not installed here")
                .hasMessageContaining("sudo apt-get install -y prosody && sudo systemctl disable --now prosody")
                .hasMessageContaining("sudo " + SCRIPT);
        assertThat(scriptsRun).isEmpty();
    }

    @Test
    void rootOutsideACheckoutIsToldToInstallItByHand() {
        ProsodyInstallation installation = new ProsodyInstallation(program -> false, true, Optional.empty(),
                this::failingScript);

        assertThatThrownBy(() -> installation.ensureInstalled(out)).isInstanceOf(DemoException.class)
                .hasMessageContaining("sudo apt-get install -y prosody")
                .hasMessageContaining("only from a source checkout")
                .hasMessageNotContaining("install-test-deps.sh\n");
        assertThat(scriptsRun).isEmpty();
    }

    private CommandResult failingScript(Path script) {
        scriptsRun.add(script);
        return new CommandResult(100, "E: no network\n");
    }
}
