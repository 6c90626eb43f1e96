package io.opsbot.core.identity;

import io.opsbot.core.admin.OpsbotPart;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** {@code /opsbot link}, {@code link <code>}, {@code link ask-on slack|teams} and {@code unlink}. */
@Component
public class LinkCommands implements OpsbotPart {

    private static final Arg CODE = Arg.word("code");
    private static final Arg PLATFORM = Arg.choice("platform", List.of("slack", "teams"));

    private final IdentityLinks links;

    public LinkCommands(IdentityLinks links) {
        this.links = links;
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.named("link").help("link your Slack and Teams identities: gives a code for the other one")
                        .handledBy((invoker, args) -> Response.privately(start(invoker))),
                Subcommand.named("link").args(Arg.literal("ask-on"), PLATFORM)
                        .help("where rituals ask you once linked")
                        .handledBy((invoker, args) -> {
                            Platform platform = Platform.valueOf(args.text(PLATFORM.name()).toUpperCase(Locale.ROOT));
                            links.askOn(invoker.user(), platform);
                            return Response.privately("From now on rituals ask you on " + platform.displayName()
                                    + ".");
                        }),
                Subcommand.named("link").args(CODE).help("send the code the other platform gave you")
                        .handledBy((invoker, args) -> {
                            IdentityLink link = links.redeem(invoker.user(), args.text(CODE.name()));
                            return Response.privately("✅ Linked with your " + link.partner().platform().displayName()
                                    + " identity. Standups of both places now ask you here, on "
                                    + invoker.platform().displayName() + ". To be asked there instead: "
                                    + invoker.platform().command("opsbot") + " link ask-on "
                                    + IdentityLinks.other(invoker.platform()).name().toLowerCase(Locale.ROOT) + ".");
                        }),
                Subcommand.named("unlink").help("undo the link between your Slack and Teams identities")
                        .handledBy((invoker, args) -> Response.privately(links.unlink(invoker.user())
                                ? "Unlinked. Each platform knows only its own identity of you again."
                                : "You have no linked identity.")));
    }

    private Message start(Invoker invoker) {
        Platform other = IdentityLinks.other(invoker.platform());
        var existing = links.partner(invoker.user());
        if (existing.isPresent()) {
            UserRef askedAs = links.reachAt(invoker.user());
            return Message.of(Markup.builder().text("You are linked with your " + other.displayName()
                    + " identity. Rituals ask you on " + askedAs.platform().displayName() + ". ")
                    .code(invoker.platform().command("opsbot") + " unlink").text(" undoes it.").build());
        }
        String code = links.issueCode(invoker.user());
        return Message.of(Markup.builder().text("Your code: ").bold(code).text(". Within "
                        + IdentityLinks.CODE_LIFETIME.toMinutes() + " minutes, send ")
                .code(other.command("opsbot") + " link " + code)
                .text(" to Product Ops Bot on " + other.displayName() + ". It works once.").build());
    }
}
