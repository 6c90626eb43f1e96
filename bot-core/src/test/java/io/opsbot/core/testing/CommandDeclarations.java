package io.opsbot.core.testing;

import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.tenant.Platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading commands' declarations the way tests that walk every command need them. */
public final class CommandDeclarations {

    /** A word no declared argument reads, except free text or a word. */
    public static final String ODD_WORD = "¿?";

    private CommandDeclarations() {
    }

    /** A command's named subcommands, those of one name together, in declaration order. */
    public static List<List<Subcommand>> groups(Command command) {
        Map<String, List<Subcommand>> byName = new LinkedHashMap<>();
        command.subcommands().stream().filter(sub -> !sub.unnamed())
                .forEach(sub -> byName.computeIfAbsent(sub.name(), n -> new ArrayList<>()).add(sub));
        return List.copyOf(byName.values());
    }

    /**
     * What to type for a subcommand so that its arguments fit none of its forms: its name and {@link #ODD_WORD};
     * null when one of its forms would take that word (it reads free text or any word), or when it yields to free
     * text, so no typed text is wrong.
     */
    public static String badArguments(List<Subcommand> group) {
        if (group.stream().anyMatch(Subcommand::yieldsToText)) {
            // What fits none of its forms is the command's free text: no typed text is wrong.
            return null;
        }
        boolean anyWordFits = group.stream().anyMatch(sub -> {
            List<Arg> required = sub.args().stream().filter(arg -> !arg.isOptional()).toList();
            return required.isEmpty() ? sub.args().stream().anyMatch(Arg::acceptsAnyWord)
                    : required.size() == 1 && required.get(0).acceptsAnyWord();
        });
        return anyWordFits ? null : group.get(0).name() + " " + ODD_WORD;
    }

    /**
     * The usages a help reply shows, in order: on each bullet line, the text up to the two spaces before the
     * description, read as a person sees it (code marks dropped: Teams message text puts {@code < > &} outside its
     * code spans, as entities; entities undone).
     */
    public static List<String> helpUsages(String help) {
        List<String> usages = new ArrayList<>();
        for (String line : help.split("\n")) {
            String bullet = line.strip().replace("`", "");
            if (!bullet.startsWith("• ")) {
                continue;
            }
            String usage = bullet.substring(2, bullet.indexOf("  "));
            usages.add(usage.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return usages;
    }

    /**
     * For every command, its help (asked through {@code reply}: the command and {@code help} in, the reply as the
     * person reads it out) lists exactly its declared subcommands, in order.
     */
    public static void checkHelp(Collection<Command> commands, Platform platform,
                                 BiFunction<Command, String, String> reply) {
        for (Command command : commands) {
            assertThat(helpUsages(reply.apply(command, "help"))).as("help of %s", platform.command(command.name()))
                    .containsExactlyElementsOf(command.subcommands().stream()
                            .map(sub -> sub.usage(platform, command.name())).toList());
        }
    }

    /**
     * For every command, each subcommand typed through {@code reply} with arguments that fit none of its forms gets
     * that subcommand's usage error, and an unknown subcommand the one unknown-subcommand reply. Returns how many
     * subcommands were typed wrong.
     */
    public static int checkUsageErrors(Collection<Command> commands, Platform platform,
                                       BiFunction<Command, String, String> reply) {
        int checked = 0;
        for (Command command : commands) {
            String typed = platform.command(command.name());
            for (List<Subcommand> group : groups(command)) {
                String text = badArguments(group);
                if (text == null) {
                    continue;
                }
                assertThat(reply.apply(command, text)).as("%s %s", typed, text).startsWith("⚠️").contains("Usage:")
                        .contains(group.stream().map(sub -> sub.usage(platform, command.name())).toList())
                        .doesNotContain("Sorry");
                checked++;
            }
            assertThat(reply.apply(command, "zz-not-a-subcommand")).as("%s unknown", typed)
                    .startsWith("⚠️ I don't know " + typed + " zz-not-a-subcommand.");
        }
        return checked;
    }
}
