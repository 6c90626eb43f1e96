package io.opsbot.core.feedback;

import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.Platform;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** How feedback looks in chat: the triage card, the capture confirmation, lists, status notices. */
final class FeedbackCards {

    static final String STATUS_ACTION = "feedback.status";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private FeedbackCards() {
    }

    /** The triage card, and "Open in dashboard" (the item's page) when there is a dashboard. */
    static Message triageCard(FeedbackItem item, DashboardLinks links) {
        return links.append(triageCard(item), "/feedback/" + item.reference());
    }

    /** The card in the triage channel, with buttons to move the item along. */
    static Message triageCard(FeedbackItem item) {
        Message.Builder card = Message.builder(item.reference() + ": " + item.getSummary())
                .header(item.getStatus().emoji() + " " + item.reference() + " · " + typeLabel(item))
                .section(Markup.bold(item.getSummary()), fields(item));
        if (item.getDetails() != null) {
            card.section(Markup.plain(item.getDetails()));
        }
        card.context(Markup.builder().text("From ").mention(item.getReporter(), item.getReporterName())
                .text(" via " + sourceLabel(item) + " · " + WHEN.format(item.getCreatedAt())).build());
        List<Button> buttons = new ArrayList<>();
        for (FeedbackStatus status : FeedbackStatus.values()) {
            if (status != FeedbackStatus.NEW && status != item.getStatus()) {
                ButtonValue value = ButtonValue.of(item.getId(), status.name());
                buttons.add(switch (status) {
                    case SHIPPED -> Button.primary(STATUS_ACTION, status.label(), value);
                    case DECLINED -> Button.danger(STATUS_ACTION, status.label(), value);
                    default -> Button.of(STATUS_ACTION, status.label(), value);
                });
            }
        }
        return card.buttons(buttons).build();
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
        return Message.of(text.build());
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

    static Message list(Platform platform, List<FeedbackItem> mine, List<FeedbackItem> tenant) {
        Message.Builder message = Message.builder("Recent feedback").header("Recent feedback");
        message.section(listText("Yours", mine, "You have not sent feedback yet. Try "
                + platform.command("feedback") + " <what you heard>."));
        message.section(listText("Everyone's here", tenant, "Nothing captured yet."));
        return message.build();
    }

    static Message statusChanged(FeedbackItem item, String byName) {
        Markup text = Markup.builder().text(item.getStatus().emoji() + " Update on your feedback ")
                .bold(item.reference().toString()).text(" “")
                .text(Texts.shorten(item.getSummary(), 80)).text("”: it is now ")
                .bold(item.getStatus().label()).text(" (by " + byName + ").")
                .build();
        return Message.of(text);
    }

    private static Markup listText(String title, List<FeedbackItem> items, String empty) {
        Markup.Builder text = Markup.builder().bold(title);
        if (items.isEmpty()) {
            return text.newline().italic(empty).build();
        }
        for (FeedbackItem item : items) {
            text.newline().text(item.getStatus().emoji() + " ").bold(item.reference().toString()).text(" ")
                    .text(Texts.shorten(item.getSummary(), 90))
                    .italic(" · " + item.getStatus().label());
        }
        return text.build();
    }

    private static List<Field> fields(FeedbackItem item) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of("Status", item.getStatus().label()));
        fields.add(Field.of("Area", item.getArea() == null ? null : "#" + item.getArea()));
        fields.add(Field.of("Impact", item.getImpact() == null ? null : item.getImpact() + "/5"));
        fields.add(Field.of("Customer", item.getCustomer()));
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
