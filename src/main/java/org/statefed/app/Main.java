package org.statefed.app;

/** Entry point of {@code statefed}; the one place that exits the JVM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.standard().run(args, System.in, System.out, System.err));
    }
}
