package io.opsbot.core.feedback;

import io.opsbot.core.conversation.ChannelHere;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * {@code /feedback} (Slack) and {@code feedback} (Teams): capture from text at once, open the form when bare, list
 * recent items, and let admins choose the triage channel and product areas.
 */
@Component
public class FeedbackCommand implements Command {

    private final FeedbackService feedback;
    private final FeedbackForm form;
    private final FeedbackTriage triage;
    private final TenantSettingsService settings;
    private final Messenger messenger;

    public FeedbackCommand(FeedbackService feedback, FeedbackForm form, FeedbackTriage triage,
                           TenantSettingsService settings, Messenger messenger) {
        this.feedback = feedback;
        this.form = form;
        this.triage = triage;
        this.settings = settings;
        this.messenger = messenger;
    }

    @Override
    public String name() {
        return "feedback";
    }

    @Override
    public String summary() {
        return "capture customer and team feedback and route it to triage";
    }

    @Override
    public List<Usage> usages() {
        return List.of(
                new Usage("", "open the feedback form"),
                new Usage("<text> [#area] [!high|!low]", "save feedback at once, e.g. bug: Export times out #reporting !high"),
                new Usage("list", "your recent feedback and everyone else's here"),
                new Usage("status FB-12 <under-review|planned|shipped|declined>", "move an item along; the reporter is told"),
                new Usage("triage here", "admins: post new feedback to this channel"),
                new Usage("areas [add|remove <name>]", "list product areas; admins add or remove them"));
    }

    @Override
    public Response handle(CommandRequest request) {
        Invoker invoker = request.invoker();
        String sub = request.subcommand();
        String rest = request.rest();
        if (request.arguments().isEmpty()) {
            return Response.form(form.blank(invoker.tenant()));
        }
        if (sub.equals("list") && rest.isEmpty()) {
            return Response.privately(FeedbackCards.list(invoker.platform(),
                    feedback.recentByReporter(invoker.user()), feedback.recentInTenant(invoker.tenant())));
        }
        if (sub.equals("triage") && (rest.isEmpty() || rest.equalsIgnoreCase("here"))) {
            return rest.isEmpty() ? showTriage(invoker) : setTriageHere(invoker);
        }
        if (sub.equals("areas") && (rest.isEmpty() || rest.matches("(?i)(add|remove)\\s+\\S+"))) {
            return areas(invoker, rest);
        }
        if (sub.equals("status") && rest.matches("(?i)(FB-)?\\d+\\s+[\\w -]+")) {
            return status(invoker, rest);
        }
        List<String> areas = settings.feedbackAreas(invoker.tenant());
        FeedbackTextParser.Parsed parsed = FeedbackTextParser.read(request.arguments(), areas);
        FeedbackItem item = feedback.capture(invoker, parsed.draft(), FeedbackSource.COMMAND);
        boolean hasTriage = settings.triageChannel(invoker.tenant()).isPresent();
        Message captured = FeedbackCards.captured(item, hasTriage, true);
        return Response.privately(parsed.unknownArea() == null ? captured
                : FeedbackCards.withoutUnknownArea(captured, parsed.unknownArea(), areas));
    }

    private Response showTriage(Invoker invoker) {
        boolean set = settings.triageChannel(invoker.tenant()).isPresent();
        return Response.privately(set
                ? "New feedback is posted to the triage channel. Run this with `here` in another channel to move it."
                : "No triage channel yet. Run `" + invoker.platform().command("feedback")
                  + " triage here` in the channel that should receive feedback.");
    }

    private Response setTriageHere(Invoker invoker) {
        Destination.Channel channel = ChannelHere.of(invoker, "the channel that should receive feedback");
        // The setting changes only once the bot has shown it can post here: "add me first" must change nothing.
        settings.checkAdmin(invoker.user());
        ChannelHere.announce(messenger, channel, Message.of(Markup.builder()
                .text("📥 New feedback will be posted in this channel ")
                .text("(set by ").mention(invoker.user(), invoker.displayName()).text(").").build()));
        settings.setTriageChannel(invoker.user(), channel);
        triage.releaseWaiting(invoker.tenant());
        return Response.privately("Done: new feedback will be posted here.");
    }

    private Response areas(Invoker invoker, String rest) {
        List<String> areas;
        if (rest.isEmpty()) {
            areas = settings.feedbackAreas(invoker.tenant());
        } else {
            String[] parts = rest.split("\\s+", 2);
            areas = parts[0].toLowerCase(Locale.ROOT).equals("add")
                    ? settings.addArea(invoker.user(), parts[1])
                    : settings.removeArea(invoker.user(), parts[1]);
        }
        return Response.privately("Product areas: #" + String.join(", #", areas));
    }

    private Response status(Invoker invoker, String rest) {
        String[] parts = rest.split("\\s+", 2);
        FeedbackStatus to = FeedbackStatus.parse(parts[1])
                .orElseThrow(() -> new UserError("Unknown status \"" + parts[1] + "\". Use one of: under-review, "
                        + "planned, shipped, declined, new."));
        FeedbackItem item = feedback.find(invoker.tenant(), parts[0])
                .orElseThrow(() -> new UserError("There is no " + parts[0].toUpperCase(Locale.ROOT) + " here."));
        FeedbackItem updated = feedback.changeStatus(invoker, item.getId(), to, true);
        return Response.privately(updated.reference() + " is now " + updated.getStatus().label() + ".");
    }
}
