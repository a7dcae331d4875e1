package org.statefed.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.Suggestions;

/**
 * The one table of admin commands, used by the admin socket (and so by the remote console) and by
 * tests. A line is split into words; the longest command whose words match the first ones, ignoring
 * case, runs with the rest as its arguments. Wrong arguments print the command's usage; an unknown
 * command says so and suggests the nearest one. {@code help} is always there.
 */
public final class CommandRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistry.class);

    /** One way to type a command. */
    record Spelling(List<String> words, AdminCommand command) {
        String text() {
            return String.join(" ", words);
        }
    }

    private final List<AdminCommand> commands;
    private final List<Spelling> spellings;

    /** @throws IllegalArgumentException if two commands share a spelling */
    public CommandRegistry(List<AdminCommand> commands) {
        List<AdminCommand> all = new ArrayList<>(commands);
        all.add(new HelpCommand(this));
        this.commands = List.copyOf(all);
        List<Spelling> list = new ArrayList<>();
        Map<String, AdminCommand> seen = new HashMap<>();
        for (AdminCommand command : this.commands) {
            List<List<String>> ways = new ArrayList<>();
            ways.add(command.words());
            ways.addAll(command.aliases());
            for (List<String> words : ways) {
                List<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
                Spelling spelling = new Spelling(lower, command);
                if (seen.putIfAbsent(spelling.text(), command) != null) {
                    throw new IllegalArgumentException("two admin commands are spelt '" + spelling.text() + "'");
                }
                list.add(spelling);
            }
        }
        list.sort(Comparator.comparing(Spelling::text));
        this.spellings = List.copyOf(list);
    }

    /** Every command statefed has, driving {@code node}. */
    public static CommandRegistry standard(AdminNode node) {
        return new CommandRegistry(List.of(
                new ShowConnectionsCommand(node),
                new ShowBuddiesCommand(node),
                new ShowSubscriptionsCommand(node),
                new DevstateListCommand(node),
                new DevstateChangeCommand(node),
                new ShowHintsCommand(node),
                new MwiListCommand(node),
                new MwiUpdateCommand(node),
                new ShowSettingsCommand(node),
                new ShowStatsCommand(node),
                new SipShowPublicationsCommand(node),
                new ListNodesCommand(node),
                new PurgeNodesCommand(node),
                new DeleteNodeCommand(node),
                new CreateLeafCommand(node),
                new CorosyncShowMembersCommand(node),
                new CorosyncShowConfigCommand(node)));
    }

    /** The commands, help last. */
    public List<AdminCommand> commands() {
        return commands;
    }

    /** Every spelling, aliases included, sorted. */
    List<Spelling> spellings() {
        return spellings;
    }

    /** Runs one typed line; an empty line does nothing and succeeds. */
    public CommandResult execute(String line) {
        return execute(line, new CommandOutput());
    }

    /**
     * Runs one typed line, handing long output to {@code sink} as it is printed.
     *
     * @return the status and the output not yet handed to the sink
     * @throws CommandOutput.SinkFailedException if the sink failed; the command was cut short
     */
    CommandResult execute(String line, CommandOutput.Sink sink) {
        return execute(line, new CommandOutput(sink));
    }

    private CommandResult execute(String line, CommandOutput out) {
        List<String> words;
        try {
            words = CommandWords.split(line);
        } catch (UsageException e) {
            return new CommandResult(CommandStatus.USAGE, e.getMessage() + "\n");
        }
        return execute(words, out);
    }

    /** Whether the typed line runs a command that changes something (see {@link AdminCommand#changesState}). */
    boolean changesState(String line) {
        try {
            return find(CommandWords.split(line)).map(spelling -> spelling.command().changesState()).orElse(false);
        } catch (UsageException e) {
            return false;
        }
    }

    /** Runs a command given as words. */
    public CommandResult execute(List<String> words) {
        return execute(words, new CommandOutput());
    }

    private CommandResult execute(List<String> words, CommandOutput out) {
        if (words.isEmpty()) {
            return new CommandResult(CommandStatus.SUCCESS, "");
        }
        Optional<Spelling> found = find(words);
        if (found.isEmpty()) {
            out.println(unknown(words));
            return new CommandResult(CommandStatus.UNKNOWN_COMMAND, out.toString());
        }
        Spelling spelling = found.get();
        List<String> args = List.copyOf(words.subList(spelling.words().size(), words.size()));
        try {
            spelling.command().run(args, out);
            return new CommandResult(CommandStatus.SUCCESS, out.toString());
        } catch (UsageException e) {
            if (!e.getMessage().isEmpty()) {
                out.println(e.getMessage());
            }
            out.print(spelling.command().usage());
            return new CommandResult(CommandStatus.USAGE, out.toString());
        } catch (CommandFailedException e) {
            out.println(e.getMessage());
            return new CommandResult(CommandStatus.FAILURE, out.toString());
        } catch (CommandOutput.SinkFailedException e) {
            // The client went away: nobody is left to tell.
            throw e;
        } catch (RuntimeException e) {
            // The node refused (e.g. it is shutting down) or a command has a bug: the operator sees the
            // reason, the log keeps the trace, and the admin thread carries on.
            LOG.debug("admin command '{}' failed", spelling.text(), e);
            out.println("'" + spelling.text() + "' failed: " + e.getMessage());
            return new CommandResult(CommandStatus.FAILURE, out.toString());
        }
    }

    /** The longest spelling whose words begin {@code words}, ignoring case. */
    Optional<Spelling> find(List<String> words) {
        Spelling best = null;
        for (Spelling spelling : spellings) {
            if (startsWith(words, spelling.words())
                    && (best == null || spelling.words().size() > best.words().size())) {
                best = spelling;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Spellings that begin with {@code words}, the last one possibly cut short: {@code core show} lists three. */
    List<Spelling> completions(List<String> words) {
        List<Spelling> out = new ArrayList<>();
        for (Spelling spelling : spellings) {
            List<String> own = spelling.words();
            if (words.size() > own.size()) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < words.size() && matches; i++) {
                String typed = words.get(i).toLowerCase(Locale.ROOT);
                matches = i == words.size() - 1 ? own.get(i).startsWith(typed) : own.get(i).equals(typed);
            }
            if (matches) {
                out.add(spelling);
            }
        }
        return out;
    }

    /** "No such command …" with the nearest spelling or the commands the words begin. */
    String unknown(List<String> words) {
        String typed = String.join(" ", words);
        StringBuilder text = new StringBuilder("No such command '").append(typed).append("'");
        Optional<Spelling> near = nearest(words);
        List<Spelling> completions = completions(words);
        if (near.isPresent()) {
            text.append("; did you mean '").append(near.get().text()).append("'?");
        } else if (!completions.isEmpty()) {
            text.append("; commands that begin so: ")
                    .append(String.join(", ", completions.stream().map(Spelling::text).toList())).append('.');
        } else {
            text.append('.');
        }
        return text.append(" Type 'help' for the list of commands.").toString();
    }

    /** The spelling within {@link Suggestions#MAX_DISTANCE} edits of the same number of typed words. */
    private Optional<Spelling> nearest(List<String> words) {
        for (Spelling spelling : spellings) {
            int n = spelling.words().size();
            if (words.size() < n) {
                continue;
            }
            String typed = String.join(" ", words.subList(0, n));
            if (Suggestions.nearest(typed, List.of(spelling.text())).isPresent()) {
                return Optional.of(spelling);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(List<String> words, List<String> prefix) {
        if (words.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!words.get(i).toLowerCase(Locale.ROOT).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }
}
