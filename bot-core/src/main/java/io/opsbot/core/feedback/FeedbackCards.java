package io.opsbot.core.feedback;

import io.opsbot.core.launch.LaunchDrafts;
import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.Platform;

import io.opsbot.core.reference.Reference;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** How feedback looks in chat: the triage card, the capture confirmation, lists, status notices. */
final class FeedbackCards {

    static final String STATUS_ACTION = "feedback.status";
    static final String VOTE_ACTION = "feedback.vote";
    static final String OWN_ACTION = "feedback.own";
    static final String MERGE_ACTION = "feedback.merge";
    static final String VOTE_INSTEAD_ACTION = "feedback.vote-instead";
    static final String MORE_RESULTS_ACTION = "feedback.more";
    static final String MORE_LIST_ACTION = "feedback.list-more";
    static final String CREATE_JIRA_ACTION = "feedback.jira";
    static final String CREATE_TRELLO_ACTION = "feedback.trello";
    static final String LINK_ACTION = "feedback.link";
    static final String ME_TOO = "👍 Me too";
    /** Items per page of a list or search. */
    static final int PAGE = 10;
    private static final int CUSTOMERS_SHOWN = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private FeedbackCards() {
    }

    /** The triage card, and "Open in dashboard" (the item's page) when there is a dashboard. */
    static Message triageCard(FeedbackItem item, DashboardLinks links) {
        return links.append(triageCard(item), "/feedback/" + item.reference());
    }

    /**
     * The card in the triage channel: what was said, where it stands, who owns it, how many people asked and for which
     * customers; "Me too" for anyone, owner, status and merge buttons for triagers.
     */
    static Message triageCard(FeedbackItem item) {
        Message.Builder card = Message.builder(item.reference() + ": " + item.getSummary())
                .header(item.getStatus().emoji() + " " + item.reference() + " · " + typeLabel(item))
                .section(Markup.bold(item.getSummary()), fields(item));
        if (item.getDetails() != null) {
            card.section(Markup.plain(item.getDetails()));
        }
        card.context(Markup.builder().text("From ").mention(item.getReporter(), item.getReporterName())
                .text(" via " + sourceLabel(item) + " · " + WHEN.format(item.getCreatedAt())).build());
        if (!item.mergedItems().isEmpty()) {
            card.context(Markup.plain("Merged here: " + String.join(", ",
                    item.mergedItems().stream().map(Reference::toString).toList())));
        }
        if (item.getStatus() == FeedbackStatus.DUPLICATE) {
            card.context(Markup.builder().text("🔁 Duplicate of ").bold(String.valueOf(item.duplicateOf()))
                    .text(": votes go there.").build());
            return card.buttons(List.of(Button.of(VOTE_ACTION, ME_TOO, ButtonValue.of(item.getId())))).build();
        }
        DuplicateHint hint = item.getDuplicateHint();
        boolean suggestMerge = hint != null && item.getStatus() == FeedbackStatus.NEW
                && !item.getId().equals(hint.itemId());
        if (suggestMerge) {
            card.context(Markup.builder().text("Looks like ").bold(FeedbackItem.KIND.of(hint.number()).toString())
                    .text(" “").text(Texts.shorten(hint.summary(), 80)).text("” (" + votes(hint.votes()) + ")")
                    .build());
        }
        List<Button> buttons = new ArrayList<>();
        buttons.add(Button.primary(VOTE_ACTION, ME_TOO, ButtonValue.of(item.getId())));
        buttons.add(Button.of(OWN_ACTION, "Own it", ButtonValue.of(item.getId())));
        for (FeedbackStatus status : FeedbackStatus.values()) {
            if (status != FeedbackStatus.NEW && status != FeedbackStatus.DUPLICATE && status != item.getStatus()) {
                ButtonValue value = ButtonValue.of(item.getId(), status.name());
                buttons.add(status == FeedbackStatus.DECLINED ? Button.danger(STATUS_ACTION, status.label(), value)
                        : Button.of(STATUS_ACTION, status.label(), value));
            }
        }
        TrackerLink link = item.getTrackerLink();
        if (link != null) {
            card.context(Markup.builder().text("🔗 Tracked in ").link(link.url(), link.label()).build());
        } else {
            buttons.add(Button.of(CREATE_JIRA_ACTION, "Create Jira issue", ButtonValue.of(item.getId())));
            buttons.add(Button.of(CREATE_TRELLO_ACTION, "Create Trello card", ButtonValue.of(item.getId())));
            buttons.add(Button.of(LINK_ACTION, "Link existing", ButtonValue.of(item.getId())));
        }
        if (suggestMerge) {
            buttons.add(Button.of(MERGE_ACTION, "Merge into " + FeedbackItem.KIND.of(hint.number()),
                    ButtonValue.of(item.getId(), hint.itemId())));
        }
        return card.buttons(buttons).build();
    }

    static String votes(int count) {
        return count == 1 ? "1 vote" : count + " votes";
    }

    static Message captured(FeedbackItem item, boolean hasTriage, boolean showAdminHint) {
        Markup.Builder text = Markup.builder().text("✅ Saved as ").bold(item.reference().toString()).text(": ")
                .text(Texts.shorten(item.getSummary(), FeedbackDraft.SUMMARY_LIMIT));
        List<String> tags = new ArrayList<>();
        if (item.getType() != null) {
            tags.add(item.getType().label());
        }
        if (item.getArea() != null) {
            tags.add("#" + item.getArea());
        }
        if (item.getImpact() != null) {
            tags.add("impact " + item.getImpact() + "/5");
        }
        if (!tags.isEmpty()) {
            text.text(" (" + String.join(", ", tags) + ")");
        }
        text.newline();
        if (hasTriage) {
            text.text("The product team will see it in the triage channel. I'll tell you when its status changes.");
        } else {
            text.text("I'll tell you when its status changes.");
            if (showAdminHint) {
                text.newline().italic("No triage channel is set yet: an admin can run ")
                        .code(item.getTenant().platform().command("feedback") + " triage here")
                        .italic(" in the channel that should receive feedback.");
            }
        }
        Message.Builder message = Message.builder(text.build().plainText()).section(text.build());
        List<Button> buttons = new ArrayList<>();
        buttons.add(Button.of(VOTE_ACTION, ME_TOO, ButtonValue.of(item.getId())));
        DuplicateHint hint = item.getDuplicateHint();
        if (hint != null) {
            Reference other = FeedbackItem.KIND.of(hint.number());
            message.context(Markup.builder().text("💡 Looks like ").bold(other.toString()).text(" “")
                    .text(Texts.shorten(hint.summary(), 80)).text("” (" + votes(hint.votes())
                            + "): add your vote instead?").build());
            buttons.add(0, Button.primary(VOTE_INSTEAD_ACTION, "Vote for " + other + " instead",
                    ButtonValue.of(item.getId(), hint.itemId())));
        }
        return message.buttons(buttons).build();
    }

    /** The confirmation, and why the item has no area: its tag named none of the tenant's (a typo, most likely). */
    static Message withoutUnknownArea(Message captured, String unknownArea, List<String> areas) {
        Markup.Builder note = Markup.builder().text("ℹ️ ").code("#" + unknownArea)
                .text(" is not a product area here, so I saved it without one. Areas: ")
                .text(String.join(", ", areas.stream().map(a -> "#" + a).toList())).text(".");
        Message.Builder message = Message.builder(captured.summary() + "\n#" + unknownArea
                + " is not a product area here, so I saved it without one.");
        captured.blocks().forEach(message::block);
        return message.context(note.build()).build();
    }

    /** To the admin who chose the triage channel: a post could not go out, and what fixes it. */
    static Message undelivered(FeedbackItem item, Platform platform) {
        String command = platform.command("feedback") + " triage here";
        Markup text = Markup.builder().text("⚠️ I couldn't post ").bold(item.reference().toString()).text(" “")
                .text(Texts.shorten(item.getSummary(), 80)).text("” to the triage channel: I'm not allowed to post there "
                        + "any more. It is kept, with anything else that does not go out, in the undelivered list.")
                .newline().text("Add me to the triage channel and run ").code(command)
                .text(" there, or run it in another channel: I'll post everything that waits.").build();
        return Message.of(text);
    }

    static Message list(Platform platform, FeedbackService.Recent recent) {
        Message.Builder message = Message.builder("Recent feedback").header("Recent feedback");
        message.section(listText("Yours", recent.theirs(), "You have not sent feedback yet. Try "
                + platform.command("feedback") + " <what you heard>."));
        message.section(listText("Everyone's here", recent.everyones().items(), "Nothing captured yet."));
        return withMore(message, recent.everyones(), MORE_LIST_ACTION, "list").build();
    }

    /** The next page of everyone's items. */
    static Message listPage(FeedbackService.Results page) {
        Message.Builder message = Message.builder("Feedback " + range(page));
        message.section(listText("Everyone's here, " + range(page), page.items(), "Nothing more."));
        return withMore(message, page, MORE_LIST_ACTION, "list").build();
    }

    /** A page of search results, with "Show more" while there are more. */
    static Message results(FeedbackQuery query, FeedbackService.Results page, String ownerName) {
        Markup.Builder title = Markup.builder().text("🔎 ").text(query.describe());
        if (query.owner() != null) {
            title.text(query.describe().equals("all feedback") ? "owned by " : " · owned by ")
                    .mention(query.owner(), ownerName);
        }
        String found = page.total() == 0 ? "nothing found" : page.total() == 1 ? "1 found"
                : page.totalText() + " found" + (page.total() > page.items().size() ? ", " + range(page) : "");
        title.text(" — " + found);
        Message.Builder message = Message.builder("Search: " + query.describe() + " — " + found)
                .section(title.build());
        if (!page.items().isEmpty()) {
            message.section(listText(null, page.items(), ""));
        } else if (page.offset() == 0) {
            message.context(Markup.plain("Try fewer words, or filters such as #area, status:planned, type:bug, "
                    + "customer:Acme, owner:me."));
        }
        // The query as typed again, in a form a button can carry (no '#', which separates a button's value).
        String carried = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(query.toText().getBytes(StandardCharsets.UTF_8));
        return withMore(message, page, MORE_RESULTS_ACTION, carried.isEmpty() ? "-" : carried).build();
    }

    private static Message.Builder withMore(Message.Builder message, FeedbackService.Results page, String action,
                                            String subject) {
        if (page.hasMore()) {
            message.buttons(List.of(Button.of(action, "Show more",
                    ButtonValue.of(subject, String.valueOf(page.offset() + page.items().size())))));
        }
        return message;
    }

    private static String range(FeedbackService.Results page) {
        return page.items().isEmpty() ? "none" : (page.offset() + 1) + "–" + (page.offset() + page.items().size())
                + " of " + page.totalText();
    }

    /** To someone who asked for an export: what is coming. */
    static Message exportStarted(FeedbackQuery query, boolean direct) {
        return Message.of(Markup.builder().text("📄 Exporting " + query.describe() + " as CSV. ")
                .text(direct ? "The file follows in a moment." : "The file will arrive in our direct messages.")
                .build());
    }

    static Message exportEmpty(FeedbackQuery query) {
        return Message.of(Markup.plain("📄 Nothing matches " + query.describe()
                + ", so there is nothing to export."));
    }

    static Message exportReady(FeedbackQuery query, int count) {
        return Message.of(Markup.builder().text("📄 Your feedback export: " + count
                + (count == 1 ? " item" : " items") + " (" + query.describe() + "). ")
                .text("It opens in Excel, Numbers or Google Sheets.").build());
    }

    static Message exportFailed() {
        return Message.of(Markup.plain("⚠️ I couldn't deliver your feedback export. Nothing was lost: please run "
                + "the export again in a moment."));
    }

    static Message statusChanged(FeedbackItem item, String byName) {
        Markup text = Markup.builder().text(item.getStatus().emoji() + " Update on your feedback ")
                .bold(item.reference().toString()).text(" “")
                .text(Texts.shorten(item.getSummary(), 80)).text("”: it is now ")
                .bold(item.getStatus().label() + (item.duplicateOf() == null ? "" : " of " + item.duplicateOf()))
                .text(" (by " + byName + ").")
                .build();
        return Message.of(text);
    }

    /** To someone who asked for it: it shipped or was declined, who decided, and the note, if any. */
    static Message loopClosed(FeedbackItem item, FeedbackItem.Asker asker, String byName, String note) {
        boolean shipped = item.getStatus() == FeedbackStatus.SHIPPED;
        boolean reporter = asker.user().equals(item.getReporter());
        Markup.Builder text = Markup.builder().text(item.getStatus().emoji() + " ")
                .text(reporter ? "Your feedback " : "Something you asked for, ").bold(item.reference().toString())
                .text(" “").text(Texts.shorten(item.getSummary(), 80)).text("”, ")
                .text(shipped ? "has shipped" : "was declined").text(" (by " + byName + ").");
        if (asker.customer() != null) {
            text.newline().text("You asked for it for ").bold(asker.customer()).text(shipped
                    ? ": you can let them know." : ".");
        }
        if (note != null && !note.isBlank()) {
            text.newline().italic("Release note: ").text(note.strip());
        }
        if (item.getTrackerLink() != null) {
            text.newline().link(item.getTrackerLink().url(), item.getTrackerLink().label());
        }
        return Message.of(text.build());
    }

    /** In the thread the feedback was saved from. */
    static Message threadReply(FeedbackItem item, String note) {
        boolean shipped = item.getStatus() == FeedbackStatus.SHIPPED;
        Markup.Builder text = Markup.builder().text(item.getStatus().emoji() + " This was saved as feedback ")
                .bold(item.reference().toString()).text(": it " + (shipped ? "has shipped." : "was declined."));
        if (note != null && !note.isBlank()) {
            text.newline().italic("Release note: ").text(note.strip());
        }
        return Message.of(text.build());
    }

    static String launchTitle(FeedbackItem item) {
        return Texts.shorten("Shipped: " + item.getSummary(), 100);
    }

    /** The prefilled announcement: what shipped, who asked (people and customers), where to read more. */
    static String launchText(FeedbackItem item, String note) {
        StringBuilder text = new StringBuilder("What shipped: ").append(item.getSummary());
        if (note != null && !note.isBlank()) {
            text.append("\n\n").append(note.strip());
        }
        int people = item.askers().size();
        text.append("\n\nWho asked: ").append(people == 1 ? "1 person" : people + " people")
                .append(" (").append(item.reference()).append(")");
        if (!item.customers().isEmpty()) {
            text.append(", for ").append(String.join(", ", item.customers()));
        }
        text.append(".");
        if (item.getTrackerLink() != null) {
            text.append("\nTracked in ").append(item.getTrackerLink().label()).append(".");
        }
        return Texts.shorten(text.toString(), 2000);
    }

    /** To the product manager: it shipped; tell support and sales, who acknowledge they know. */
    static Message announceOffer(FeedbackItem item, String launchId) {
        Markup text = Markup.builder().text("🚀 ").bold(item.reference().toString()).text(" “")
                .text(Texts.shorten(item.getSummary(), 80))
                .text("” has shipped, and everyone who asked for it was told. Announce this launch, so support and "
                        + "sales confirm they know?").build();
        return Message.builder(text.plainText()).section(text)
                .buttons(List.of(Button.primary(LaunchDrafts.ANNOUNCE_ACTION, "📣 Announce this launch",
                        ButtonValue.of(launchId))))
                .build();
    }

    /** The tenant's Jira and Trello connections (never their credentials) and what moves items where. */
    static Message connections(Platform platform, List<TrackerConnection> connections) {
        if (connections.isEmpty()) {
            return Message.of(Markup.builder().text("Neither Jira nor Trello is connected. An admin runs ")
                    .code(platform.command("feedback") + " connect jira").text(" or ")
                    .code(platform.command("feedback") + " connect trello").text(".").build());
        }
        Markup.Builder text = Markup.builder();
        for (TrackerConnection connection : connections) {
            if (!text.isEmpty()) {
                text.newline();
            }
            text.bold(connection.getKind().label()).text(connection.getSiteUrl() == null ? ""
                    : " " + connection.getSiteUrl()).text(", as " + connection.getAccountName() + ": ");
            List<String> lines = new ArrayList<>();
            connection.getMapping().forEach((name, status) -> lines.add("“" + name + "” → " + status.label()));
            text.text(String.join(", ", lines));
        }
        return Message.of(text.build());
    }

    private static Markup listText(String title, List<FeedbackItem> items, String empty) {
        Markup.Builder text = Markup.builder();
        if (title != null) {
            text.bold(title);
        }
        if (items.isEmpty()) {
            return text.newline().italic(empty).build();
        }
        for (FeedbackItem item : items) {
            if (!text.isEmpty()) {
                text.newline();
            }
            text.text(item.getStatus().emoji() + " ").bold(item.reference().toString()).text(" ")
                    .text(Texts.shorten(item.getSummary(), 90))
                    .italic(" · " + item.getStatus().label() + (item.askers().size() > 1
                            ? " · " + votes(item.askers().size()) : ""));
        }
        return text.build();
    }

    private static List<Field> fields(FeedbackItem item) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of("Status", item.getStatus().label()));
        fields.add(Field.of("Area", item.getArea() == null ? null : "#" + item.getArea()));
        fields.add(Field.of("Impact", item.getImpact() == null ? null : item.getImpact() + "/5"));
        fields.add(item.getOwner() == null ? Field.of("Owner", null)
                : new Field("Owner", Markup.builder().mention(item.getOwner(), item.getOwnerName()).build()));
        int people = item.askers().size();
        fields.add(Field.of("Asked by", people == 1 ? "1 person" : people + " people"));
        fields.add(Field.of("Customers", Texts.shorten(String.join(", ", item.customers()), CUSTOMERS_SHOWN)));
        if (item.getLink() != null) {
            fields.add(new Field("Link", Markup.builder().link(item.getLink(), "Open").build()));
        }
        return fields;
    }

    private static String typeLabel(FeedbackItem item) {
        return item.getType() == null ? "Feedback" : item.getType().label();
    }

    private static String sourceLabel(FeedbackItem item) {
        String command = item.getTenant().platform().command("feedback");
        return switch (item.getSource()) {
            case COMMAND -> command;
            case FORM -> "the feedback form";
            case MESSAGE -> "a saved message";
        };
    }
}
