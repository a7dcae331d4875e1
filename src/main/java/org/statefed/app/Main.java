package org.statefed.app;

/** Placeholder entry point; replaced by the command-line front end. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("statefed");
    }
}
