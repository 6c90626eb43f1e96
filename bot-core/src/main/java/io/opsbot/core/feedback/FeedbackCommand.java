package io.opsbot.core.feedback;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.ChannelHere;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code /feedback} (Slack) and {@code feedback} (Teams): capture from text at once, open the form when bare, list
 * recent items, let triagers move items along and admins choose the triage channel and product areas.
 *
 * <p>The model to copy: each subcommand is declared once below (name, arguments, help, role, handler) and the engine
 * does the rest (reading the arguments, the usage error, the role check, help and the manifests' hints).
 */
@Component
public class FeedbackCommand implements Command {

    private static final String CHANGE_AREAS = "change the product areas";
    private static final String CHANGE_ITEM_AREA = "change a feedback item's area";

    private final FeedbackService feedback;
    private final FeedbackForm form;
    private final FeedbackTriage triage;
    private final TenantSettingsService settings;
    private final Messenger messenger;
    private final FeedbackExport export;
    private final TrackerConnections trackers;

    public FeedbackCommand(FeedbackService feedback, FeedbackForm form, FeedbackTriage triage,
                           TenantSettingsService settings, Messenger messenger, FeedbackExport export,
                           TrackerConnections trackers) {
        this.trackers = trackers;
        this.export = export;
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
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.bare().help("open the feedback form")
                        .handledBy((invoker, args) -> Response.form(form.blank(invoker.tenant()))),
                Subcommand.bare().args(Arg.freeText("text"))
                        .help("save it at once; #area and !high or !low tag it, e.g. bug: Export times out "
                                + "#reporting !high")
                        .note("To save feedback that starts with one of these words, begin it with its type, "
                                + "e.g. idea: list view for reports.")
                        .handledBy(this::capture),
                Subcommand.named("list").help("your recent feedback and everyone's here, with Show more")
                        .handledBy((invoker, args) -> Response.privately(FeedbackCards.list(invoker.platform(),
                                feedback.recent(invoker.user(), FeedbackCards.PAGE)))),
                Subcommand.named("search").args(Arg.text("query"))
                        .help("find feedback by words and filters: #area status:planned type:bug customer:Acme "
                                + "owner:me")
                        .handledBy((invoker, args) -> Response.privately(results(feedback, invoker,
                                query(invoker, args.text("query")), 0))),
                Subcommand.named("export")
                        .args(Arg.parsed("filters", FeedbackQuery.MAX_FILTERS, FeedbackQuery::filtersOnly).optional())
                        .help("a CSV file of everything, or of what the filters find, sent to you directly")
                        .yieldingToText()
                        .handledBy((invoker, args) -> export.start(invoker, query(invoker,
                                args.optional("filters", String.class).orElse("")))),
                Subcommand.named("vote").alias("+1").yieldingToText()
                        .args(Arg.reference("item", FeedbackItem.KIND), Arg.text("customer").optional())
                        .help("me too: count your vote, and the customer who asked, if any")
                        .handledBy(this::vote),
                Subcommand.named("status")
                        .args(Arg.reference("item", FeedbackItem.KIND),
                                Arg.choice("status", FeedbackStatus.settableWords()), Arg.text("note").optional())
                        .help("move an item along; the reporter is told (shipped or declined: everyone who asked, "
                                + "with the note)")
                        .role(Role.TRIAGER, FeedbackActions.CHANGE_STATUS)
                        .handledBy(this::status),
                Subcommand.named("owner").args(Arg.reference("item", FeedbackItem.KIND), Arg.literal("me"))
                        .help("make yourself the item's owner").role(Role.TRIAGER, FeedbackActions.CHANGE_OWNER)
                        .yieldingToText()
                        .handledBy((invoker, args) -> owned(feedback.assign(invoker,
                                feedback.get(invoker.tenant(), args.reference("item")).getId(), invoker.user()))),
                Subcommand.named("owner").args(Arg.reference("item", FeedbackItem.KIND), Arg.mention("person"))
                        .help("make someone the item's owner").role(Role.TRIAGER, FeedbackActions.CHANGE_OWNER)
                        .yieldingToText()
                        .handledBy((invoker, args) -> owned(feedback.assign(invoker,
                                feedback.get(invoker.tenant(), args.reference("item")).getId(),
                                args.people("person").get(0)))),
                Subcommand.named("area").args(Arg.reference("item", FeedbackItem.KIND), Arg.word("area"))
                        .help("move an item to another product area").role(Role.TRIAGER, CHANGE_ITEM_AREA)
                        .yieldingToText()
                        .handledBy((invoker, args) -> {
                            FeedbackItem item = feedback.changeArea(invoker,
                                    feedback.get(invoker.tenant(), args.reference("item")).getId(), args.text("area"));
                            return Response.privately(item.reference() + " is in #" + item.getArea() + " now.");
                        }),
                Subcommand.named("merge").args(Arg.reference("duplicate", FeedbackItem.KIND), Arg.literal("into"),
                                Arg.reference("target", FeedbackItem.KIND))
                        .help("close a duplicate: its votes, reporter and customers move to the other item")
                        .role(Role.TRIAGER, FeedbackActions.MERGE).yieldingToText()
                        .handledBy((invoker, args) -> Response.privately(merged(feedback.merge(invoker,
                                args.reference("duplicate"), args.reference("target"))))),
                Subcommand.named("connect").args(Arg.choice("tracker", List.of("jira", "trello")))
                        .help("connect Jira Cloud or Trello, so triage cards create and link issues and cards")
                        .role(Role.ADMIN, TrackerConnectForms.CONNECT)
                        .handledBy((invoker, args) -> Response.form(TrackerKind.parse(args.text("tracker"))
                                .orElseThrow() == TrackerKind.JIRA ? TrackerConnectForms.jira()
                                : TrackerConnectForms.trello())),
                Subcommand.named("connections").help("the Jira and Trello connections and their status mapping")
                        .handledBy((invoker, args) -> Response.privately(FeedbackCards.connections(
                                invoker.platform(), trackers.all(invoker.tenant())))),
                Subcommand.named("map").args(Arg.choice("tracker", List.of("jira", "trello")),
                                Arg.choice("status", FeedbackStatus.settableWords()), Arg.text("state"))
                        .help("which Jira status category or Trello list moves linked items to a status, e.g. "
                                + "map trello shipped Released")
                        .role(Role.ADMIN, "change the Jira and Trello status mapping")
                        .handledBy((invoker, args) -> {
                            TrackerKind kind = TrackerKind.parse(args.text("tracker")).orElseThrow();
                            FeedbackStatus status = FeedbackStatus.parse(args.text("status")).orElseThrow();
                            trackers.map(invoker.actor(), kind, args.text("state"), status);
                            return Response.privately(Message.of(Markup.builder().text("Done: " + kind.label() + " “")
                                    .text(args.text("state").strip()).text("” moves linked feedback to ")
                                    .bold(status.label()).text(".").build()));
                        }),
                Subcommand.named("triage").help("where new feedback is posted").handledBy(this::showTriage),
                Subcommand.named("triage").args(Arg.literal("here")).help("post new feedback to this channel")
                        .role(Role.ADMIN, "choose the triage channel")
                        .handledBy((invoker, args) -> setTriageHere(invoker)),
                Subcommand.named("areas").help("the product areas feedback is tagged with")
                        .handledBy((invoker, args) -> areas(settings.feedbackAreas(invoker.tenant()))),
                Subcommand.named("areas").args(Arg.literal("add"), Arg.word("name")).help("add a product area")
                        .role(Role.ADMIN, CHANGE_AREAS)
                        .handledBy((invoker, args) -> areas(settings.addArea(invoker.actor(), args.text("name")))),
                Subcommand.named("areas").args(Arg.literal("remove"), Arg.word("name"))
                        .help("remove a product area").role(Role.ADMIN, CHANGE_AREAS)
                        .handledBy((invoker, args) -> areas(settings.removeArea(invoker.actor(),
                                args.text("name")))));
    }

    private Response capture(Invoker invoker, Arguments args) {
        List<String> areas = settings.feedbackAreas(invoker.tenant());
        FeedbackTextParser.Parsed parsed = FeedbackTextParser.read(args.text("text"), areas);
        FeedbackItem item = feedback.capture(invoker, parsed.draft(), FeedbackSource.COMMAND);
        boolean hasTriage = settings.triageChannel(invoker.tenant()).isPresent();
        Message captured = FeedbackCards.captured(item, hasTriage, true);
        return Response.privately(parsed.unknownArea() == null ? captured
                : FeedbackCards.withoutUnknownArea(captured, parsed.unknownArea(), areas));
    }

    private Response showTriage(Invoker invoker, Arguments args) {
        boolean set = settings.triageChannel(invoker.tenant()).isPresent();
        return Response.privately(set
                ? "New feedback is posted to the triage channel. Run this with `here` in another channel to move it."
                : "No triage channel yet. Run `" + invoker.platform().command("feedback")
                  + " triage here` in the channel that should receive feedback.");
    }

    private Response setTriageHere(Invoker invoker) {
        Destination.Channel channel = ChannelHere.of(invoker, "the channel that should receive feedback");
        // The setting changes only once the bot has shown it can post here: "add me first" must change nothing.
        ChannelHere.announce(messenger, channel, Message.of(Markup.builder()
                .text("📥 New feedback will be posted in this channel ")
                .text("(set by ").mention(invoker.user(), invoker.displayName()).text(").").build()));
        settings.setTriageChannel(invoker.actor(), channel);
        triage.releaseWaiting(invoker.tenant());
        return Response.privately("Done: new feedback will be posted here.");
    }

    private static Response areas(List<String> areas) {
        return Response.privately("Product areas: #" + String.join(", #", areas));
    }

    private FeedbackQuery query(Invoker invoker, String typed) {
        return FeedbackQuery.parse(typed, invoker.user(), settings.feedbackAreas(invoker.tenant()));
    }

    /** A page of search results as a message, the owner filter named as the person is known. */
    static Message results(FeedbackService feedback, Invoker invoker, FeedbackQuery query, int offset) {
        FeedbackService.Results page = feedback.search(invoker.tenant(), query, offset, FeedbackCards.PAGE);
        String ownerName = query.owner() == null ? null : query.owner().equals(invoker.user())
                ? invoker.displayName() : null;
        return FeedbackCards.results(query, page, ownerName);
    }

    private Response vote(Invoker invoker, Arguments args) {
        FeedbackItem item = feedback.get(invoker.tenant(), args.reference("item"));
        return Response.privately(FeedbackActions.voted(feedback.vote(invoker, item.getId(),
                args.text("customer"), Vote.Source.COMMAND)));
    }

    private static Response owned(FeedbackItem item) {
        return Response.privately(Message.of(Markup.builder().bold(item.reference().toString())
                .text(" is owned by ").mention(item.getOwner(), item.getOwnerName()).text(" now.").build()));
    }

    static Message merged(FeedbackService.Merge merge) {
        FeedbackItem target = merge.target();
        return Message.of(Markup.builder().text("🔁 Merged ").bold(merge.duplicate().reference().toString())
                .text(" into ").bold(target.reference().toString()).text(": " + FeedbackCards.votes(
                        target.askers().size()) + (target.customers().isEmpty() ? "" : ", customers: "
                        + String.join(", ", target.customers())) + ".").build());
    }

    private Response status(Invoker invoker, Arguments args) {
        Reference ref = args.reference("item");
        FeedbackStatus to = FeedbackStatus.parse(args.text("status")).orElseThrow();
        FeedbackItem item = feedback.find(invoker.tenant(), ref)
                .orElseThrow(() -> new UserError("There is no " + ref + " here."));
        String note = args.text("note");
        FeedbackItem updated = feedback.changeStatus(invoker, item, to,
                note == null || note.isBlank() ? null : note.strip(), true);
        return Response.privately(updated.reference() + " is now " + updated.getStatus().label() + ".");
    }
}
