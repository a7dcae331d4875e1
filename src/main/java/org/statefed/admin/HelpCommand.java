package org.statefed.admin;

import java.util.List;
import java.util.Optional;

/**
 * {@code help [COMMAND]}: the list of commands in Asterisk's {@code "%-30s -- %s"} shape, or one
 * command's usage; a partial command lists the commands it begins.
 */
final class HelpCommand implements AdminCommand {
    private final CommandRegistry registry;

    HelpCommand(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<String> words() {
        return List.of("help");
    }

    @Override
    public String arguments() {
        return "[COMMAND]";
    }

    @Override
    public String summary() {
        return "Display help list, or specific help on a command";
    }

    @Override
    public String description() {
        return "Without a command, lists every command; with one, shows how to use it.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws CommandFailedException {
        if (args.isEmpty()) {
            list(registry.spellings(), out);
            return;
        }
        Optional<CommandRegistry.Spelling> exact = registry.find(args)
                .filter(s -> s.words().size() == args.size());
        if (exact.isPresent()) {
            out.print(exact.get().command().usage());
            return;
        }
        List<CommandRegistry.Spelling> completions = registry.completions(args);
        if (completions.isEmpty()) {
            throw new CommandFailedException(registry.unknown(args));
        }
        list(completions, out);
    }

    private static void list(List<CommandRegistry.Spelling> spellings, CommandOutput out) {
        for (CommandRegistry.Spelling spelling : spellings) {
            out.printf("%-30s -- %s", spelling.text(), spelling.command().summary());
        }
    }
}
