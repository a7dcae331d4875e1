package org.statefed.admin;

import java.util.List;

/** The check every command without arguments makes. */
final class NoArguments {
    private NoArguments() {
    }

    static void require(List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("Unexpected argument '" + args.get(0) + "'.");
        }
    }
}
