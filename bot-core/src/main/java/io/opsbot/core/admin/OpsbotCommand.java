package io.opsbot.core.admin;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.retention.DataDeletion;
import io.opsbot.core.retention.RetentionProperties;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /opsbot} (Slack) and {@code opsbot} (Teams): the bot itself in this workspace or organisation, plus what
 * other shared services add ({@link OpsbotPart}: time off, holidays, linking identities). Anyone sees
 * who holds which role and what the bot keeps; admins name and remove triagers, managers and admins, read the audit
 * log, and delete everything the bot keeps here ({@code delete-workspace-data}, after confirming).
 */
@Component
public class OpsbotCommand implements Command {

    static final int AUDIT_PAGE = 10;
    private static final Arg ROLE = Arg.choice("role", List.of("triager", "manager", "admin"));
    private static final Arg PEOPLE = Arg.mention("person").repeated();
    private static final Arg PAGE = Arg.parsed("page", 1, OpsbotCommand::page).optional();

    private final AccessPolicy access;
    private final AuditLog audit;
    private final ProfileService profiles;
    private final DataDeletion deletion;
    private final RetentionProperties retention;
    private final List<OpsbotPart> parts;

    public OpsbotCommand(AccessPolicy access, AuditLog audit, ProfileService profiles, DataDeletion deletion,
                         RetentionProperties retention, List<OpsbotPart> parts) {
        this.parts = List.copyOf(parts);
        this.access = access;
        this.audit = audit;
        this.profiles = profiles;
        this.deletion = deletion;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "opsbot";
    }

    @Override
    public String summary() {
        return "the bot here: roles, time off, holidays, linking Slack and Teams, the audit log, the data it keeps";
    }

    @Override
    public List<Subcommand> subcommands() {
        List<Subcommand> own = List.of(
                Subcommand.named("roles").alias("").help("who are the admins, triagers and managers here")
                        .handledBy((invoker, args) -> Response.privately(AdminCards.roles(invoker.platform(),
                                access.configuredAdmins(invoker.tenant()), access.holders(invoker.tenant(),
                                        Role.ADMIN), access.holders(invoker.tenant(), Role.TRIAGER),
                                access.holders(invoker.tenant(), Role.MANAGER), profiles::displayName))),
                Subcommand.named("roles").args(Arg.literal("add"), ROLE, PEOPLE)
                        .help("make people triagers (feedback), managers (their teams' rituals) or admins")
                        .role(Role.ADMIN, "name triagers, managers and admins")
                        .handledBy((invoker, args) -> change(invoker, args, true)),
                Subcommand.named("roles").args(Arg.literal("remove"), ROLE, PEOPLE)
                        .help("take a role away (the last admin stays)")
                        .role(Role.ADMIN, "remove triagers, managers and admins")
                        .handledBy((invoker, args) -> change(invoker, args, false)),
                Subcommand.named("audit").args(PAGE)
                        .help("who changed what, newest first; a number shows older pages")
                        .role(Role.ADMIN, "read the audit log").handledBy(this::auditPage),
                Subcommand.named("data").help("what the bot keeps about this workspace, and for how long")
                        .handledBy((invoker, args) -> Response.privately(dataPolicy(invoker))),
                Subcommand.named(DataDeletion.COMMAND)
                        .help("delete all of this workspace's data, after you confirm")
                        .role(Role.ADMIN, DataDeletion.WHAT)
                        .handledBy((invoker, args) -> Response.privately(deletion.ask(invoker))));
        List<Subcommand> all = new ArrayList<>(own);
        parts.forEach(part -> all.addAll(part.subcommands()));
        return List.copyOf(all);
    }

    private Message dataPolicy(Invoker invoker) {
        String noun = invoker.platform().tenantNoun();
        return Message.of(Markup.builder().text("Product Ops Bot keeps what this " + noun + " gives it (feedback, "
                        + "standups, OKRs, onboarding, trainings, settings) until an admin deletes it with ")
                .code(invoker.platform().command(name()) + " " + DataDeletion.COMMAND)
                .text(". If the app is removed, it is kept " + retention.getAfterRemoval().toDays()
                        + " days in case it comes back, then deleted.").build());
    }

    private Response change(Invoker invoker, Arguments args, boolean add) {
        Role role = Role.valueOf(args.text(ROLE.name()).toUpperCase(Locale.ROOT));
        String noun = args.text(ROLE.name());
        Markup.Builder text = Markup.builder();
        for (UserRef person : args.people(PEOPLE.name())) {
            if (!text.isEmpty()) {
                text.newline();
            }
            String name = profiles.displayName(person);
            text.append(switch (add ? access.add(invoker.actor(), person, role)
                    : access.remove(invoker.actor(), person, role)) {
                case DONE -> Markup.builder().text("✅ ").mention(person, name)
                        .text(add ? " is now " + article(noun) + "." : " is no longer " + article(noun) + ".").build();
                case UNCHANGED -> Markup.builder().text("ℹ️ ").mention(person, name)
                        .text(add ? " is already " + article(noun) + "." : " is not " + article(noun) + ".").build();
                case LAST_ADMIN -> Markup.builder().text("⚠️ ").mention(person, name)
                        .text(" is the last admin here. Name another admin first, so someone can still change "
                                + "settings and roles.").build();
                case CONFIGURED -> Markup.builder().text("⚠️ ").mention(person, name)
                        .text(" is an admin by configuration (OPSBOT_ADMINS); it can only be changed there.")
                        .build();
            });
        }
        return Response.privately(Message.of(text.build()));
    }

    private Response auditPage(Invoker invoker, Arguments args) {
        int page = args.optional(PAGE.name(), Integer.class).orElse(1);
        AuditLog.Page entries = audit.page(invoker.tenant(), page, AUDIT_PAGE);
        if (page > entries.pages()) {
            throw new UserError("The audit log has " + entries.pages() + " page" + (entries.pages() == 1 ? "" : "s")
                    + " of " + AUDIT_PAGE + " changes.");
        }
        return Response.privately(AdminCards.audit(invoker.platform(), entries,
                invoker.zone() != null ? invoker.zone() : profiles.zone(invoker.user(), ZoneId.of("UTC")),
                profiles::displayName));
    }

    private static String article(String noun) {
        return (noun.startsWith("a") ? "an " : "a ") + noun;
    }

    private static Optional<Integer> page(String word) {
        return word.matches("[1-9][0-9]{0,5}") ? Optional.of(Integer.parseInt(word)) : Optional.empty();
    }
}
