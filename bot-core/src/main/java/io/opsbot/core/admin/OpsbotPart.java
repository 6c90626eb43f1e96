package io.opsbot.core.admin;

import io.opsbot.core.conversation.Subcommand;

import java.util.List;

/**
 * Subcommands another shared service adds to {@code /opsbot} (time off, holidays, linking identities), so the bot
 * keeps one command of its own in a workspace full of other apps' commands, and this package knows none of them.
 */
public interface OpsbotPart {

    List<Subcommand> subcommands();
}
