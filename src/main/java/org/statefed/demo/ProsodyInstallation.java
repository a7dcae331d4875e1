package org.statefed.demo;

import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.statefed.demo.server.CommandResult;
import org.statefed.demo.server.Commands;
import org.statefed.demo.server.RunAs;

/**
 * Makes sure Prosody is there before the demo starts it. When it is missing and this runs as root in a source
 * checkout, the checkout's {@code scripts/install-test-deps.sh} installs it, exactly as for the tests (that
 * script also installs ejabberd, which the tests need too, and keeps the packages' services from running);
 * otherwise the demo stops and says what to install.
 */
final class ProsodyInstallation {
    static final String PROGRAM = "prosody";
    private static final String SCRIPT = "scripts/install-test-deps.sh";

    private final Predicate<String> onPath;
    private final boolean root;
    private final Optional<Path> installScript;
    private final Function<Path, CommandResult> runScript;

    /**
     * @param onPath        whether a program is on {@code PATH}
     * @param root          whether this runs as root
     * @param installScript the checkout's install script, when this runs from a checkout that has one
     * @param runScript     runs the script, returning its exit code and output
     */
    ProsodyInstallation(Predicate<String> onPath, boolean root, Optional<Path> installScript,
                        Function<Path, CommandResult> runScript) {
        this.onPath = Objects.requireNonNull(onPath, "onPath");
        this.root = root;
        this.installScript = Objects.requireNonNull(installScript, "installScript");
        this.runScript = Objects.requireNonNull(runScript, "runScript");
    }

    /** For this machine: the real {@code PATH}, user and checkout (found from where these classes are). */
    static ProsodyInstallation ofThisMachine() {
        return new ProsodyInstallation(ProsodyInstallation::isOnPath, RunAs.currentUserIsRoot(), checkoutScript(),
                script -> Commands.run(List.of("sh", script.toString()), Map.of(), script.getParent().getParent()));
    }

    /**
     * Returns when Prosody is installed, installing it first when it is missing and that is possible.
     *
     * @throws DemoException when it is missing and cannot be installed from here, saying how to install it
     */
    void ensureInstalled(PrintStream out) {
        if (onPath.test(PROGRAM)) {
            return;
        }
        if (root && installScript.isPresent()) {
            Path script = installScript.get();
            out.println("prosody is not installed; installing it with " + script
                    + " (apt-get, the same packages the integration tests use)...");
            CommandResult result = runScript.apply(script);
            if (!result.succeeded() || !onPath.test(PROGRAM)) {
                throw new DemoException(script + " did not install prosody (exit code " + result.exitCode() + "):\n"
                        + result.output().strip());
            }
            out.println("prosody installed.");
            return;
        }
        throw new DemoException(howToInstall());
    }

    private String howToInstall() {
        StringBuilder text = new StringBuilder("""
                The demo runs a private XMPP server, prosody, which is not installed here. Install it \
                (Debian, Ubuntu) with
                  sudo apt-get install -y prosody && sudo systemctl disable --now prosody
                """);
        installScript.ifPresent(script -> text.append("or with the script the tests use:\n  sudo ").append(script)
                .append('\n'));
        if (root) {
            text.append("(statefed installs it itself only from a source checkout, with ").append(SCRIPT)
                    .append(")\n");
        }
        return text.append("and run the demo again.").toString();
    }

    private static boolean isOnPath(String program) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The install script of the checkout these classes were built in: {@code target/statefed.jar} or
     * {@code target/classes} is two levels below the checkout.
     */
    private static Optional<Path> checkoutScript() {
        CodeSource source = ProsodyInstallation.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("statefed's classes are at an unusable location " + source.getLocation(),
                    e);
        }
        return Optional.ofNullable(location.getParent()).map(Path::getParent).map(dir -> dir.resolve(SCRIPT))
                .filter(Files::isRegularFile);
    }
}
