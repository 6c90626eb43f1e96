package io.opsbot.core.testing;

import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Subcommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * null when one of its forms would take that word (it reads free text or any word), so no typed text is wrong.
     */
    public static String badArguments(List<Subcommand> group) {
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
}
