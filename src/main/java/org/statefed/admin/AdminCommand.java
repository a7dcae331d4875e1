package org.statefed.admin;

import java.util.List;

/**
 * One admin command, e.g. {@code core show hints}. The {@link CommandRegistry} matches the words
 * (ignoring case), hands over the remaining arguments as typed, and turns the exceptions into the
 * usage text or a failure.
 */
public interface AdminCommand {

    /** The words that select it, lower case, e.g. {@code [core, show, hints]}. */
    List<String> words();

    /** Other spellings, e.g. the newer {@code xmpp …} ones of Asterisk's {@code jabber …} commands. */
    default List<List<String>> aliases() {
        return List.of();
    }

    /** The arguments for the usage line, e.g. {@code DEVICE STATE}; "" for none. */
    String arguments();

    /** One line for {@code help}. */
    String summary();

    /** What the command does, for {@code help COMMAND}: lines of text, each ending with a newline. */
    String description();

    /**
     * Runs the command, writing what the operator sees to {@code out}.
     *
     * @param args the words after the command's own, as typed
     * @throws UsageException when the arguments are wrong: the registry prints the usage
     * @throws CommandFailedException when the command could not do its work
     */
    void run(List<String> args, CommandOutput out) throws UsageException, CommandFailedException;

    /** {@code Usage: devstate change DEVICE STATE} plus the description, as {@code help COMMAND} prints it. */
    /** Whether it changes something (a state, a node): the admin socket logs those at INFO, as an audit trail. */
    default boolean changesState() {
        return false;
    }

    default String usage() {
        String line = String.join(" ", words()) + (arguments().isEmpty() ? "" : " " + arguments());
        StringBuilder text = new StringBuilder("Usage: ").append(line).append('\n');
        for (List<String> alias : aliases()) {
            text.append("       ").append(String.join(" ", alias))
                    .append(arguments().isEmpty() ? "" : " " + arguments()).append('\n');
        }
        description().lines().forEach(l -> text.append(l.isEmpty() ? "" : "       ").append(l).append('\n'));
        return text.toString();
    }
}
