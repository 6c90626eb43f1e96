package io.opsbot.teams.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import com.microsoft.bot.schema.Serialization;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.cards.TeamsMarkdown.Target;
import io.opsbot.teams.outbound.OutboundActivities;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CardRenderingTest {

    private static final String HOSTILE = "**boss** said [click](javascript:alert(1)) <at>Everyone</at> # _x_ `rm`";

    @Test
    void userTextCannotFormatLinkOrMentionInACard() {
        String md = TeamsMarkdown.render(Markup.plain(HOSTILE), Target.CARD, 1000);

        assertThat(md).as("no link without brackets; # is a heading only at a line start")
                .isEqualTo("\\*\\*boss\\*\\* said \\[click\\](javascript:alert(1)) <\u200Bat>Everyone<\u200B/at> # \\_x\\_ "
                        + "\\`rm\\`");
        JsonNode card = CardJson.toTree(MessageCards.card(Message.text(HOSTILE)));
        assertThat(card.toString()).as("no mention entities, so <at> stays text").doesNotContain("entities");
    }

    @Test
    void userTextCannotFormatOrMentionInAMessage() {
        String md = TeamsMarkdown.render(Markup.builder().text("<at>Everyone</at> & ").bold("**x**").build(),
                Target.MESSAGE, 1000);

        assertThat(md).isEqualTo("&lt;at&gt;Everyone&lt;/at&gt; &amp; **\\*\\*x\\*\\***");
    }

    @Test
    void stylesLinksMentionsAndLineBreaks() {
        Markup markup = Markup.builder().bold("FB-1 ").italic("urgent").newline().text("- not a list ")
                .code("feedback help").newline().link("https://crm.example.com/a (b)", "Open [it]").text(" by ")
                .mention(new UserRef(TenantRef.teams("t"), "29:1"), "Ana_B").newline()
                .link("javascript:alert(1)", "bad link").build();

        String md = TeamsMarkdown.render(markup, Target.CARD, 1000);

        assertThat(md).isEqualTo("**FB-1** _urgent_\n\n\\- not a list `feedback help`\n\n"
                + "[Open \\[it\\]](https://crm.example.com/a%20%28b%29) by Ana_B\n\nbad link");
    }

    @Test
    void aChannelShowsItsLabelForAConversationIdNamesNothing() {
        Markup markup = Markup.builder().bold("Triage channel: ").channel("19:abc@thread.tacv2", "chosen").build();

        assertThat(TeamsMarkdown.render(markup, Target.CARD, 1000)).isEqualTo("**Triage channel:** chosen");
    }

    @Test
    void longTextIsShortenedForDisplayWithoutSplittingAnEmoji() {
        String rendered = TeamsMarkdown.render(Markup.builder().text("x".repeat(30)).bold("never shown").build(),
                Target.CARD, 20);
        assertThat(rendered).isEqualTo("x".repeat(19) + "…");

        String longFeedback = "🙂".repeat(5000);
        String inCard = CardJson.toTree(MessageCards.card(Message.text(longFeedback))).path("body").get(0)
                .path("text").asText();
        assertThat(inCard).hasSizeLessThanOrEqualTo(MessageCards.TEXT_LIMIT).endsWith("…");
        assertThat(Character.isHighSurrogate(inCard.charAt(inCard.length() - 2))).isFalse();
    }

    @Test
    void messageBlocksBecomeCardElementsInSchema15() {
        Message message = Message.builder("FB-3: Slow export")
                .header("🆕 FB-3 · Bug")
                .section(Markup.bold("Slow export"), List.of(Field.of("Area", "#reporting"), Field.of("Impact", null)))
                .divider()
                .context(Markup.plain("From Ana"))
                .buttons(List.of(Button.primary("feedback.status", "Shipped", ButtonValue.of("id1", "SHIPPED")),
                        Button.danger("feedback.status", "Declined", ButtonValue.of("id1", "DECLINED")),
                        Button.of("feedback.status", "Planned", ButtonValue.of("id1", "PLANNED"))))
                .build();

        JsonNode card = CardJson.toTree(MessageCards.card(message));

        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.5");
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        JsonNode body = card.path("body");
        assertThat(body.get(0).path("type").asText()).isEqualTo("TextBlock");
        assertThat(body.get(0).path("weight").asText()).isEqualTo("Bolder");
        assertThat(body.get(0).path("size").asText()).isEqualTo("Medium");
        assertThat(body.get(1).path("text").asText()).isEqualTo("**Slow export**");
        assertThat(body.get(2).path("type").asText()).isEqualTo("FactSet");
        assertThat(body.get(2).path("facts").get(1).path("value").asText()).isEqualTo("—");
        assertThat(body.get(3).path("isSubtle").asBoolean()).isTrue();
        assertThat(body.get(3).path("size").asText()).isEqualTo("Small");
        assertThat(body.get(3).path("separator").asBoolean()).as("the divider").isTrue();
        JsonNode actions = body.get(4).path("actions");
        assertThat(body.get(4).path("type").asText()).isEqualTo("ActionSet");
        assertThat(actions.get(0).path("type").asText()).isEqualTo("Action.Execute");
        assertThat(actions.get(0).path("style").asText()).isEqualTo("positive");
        assertThat(actions.get(1).path("style").asText()).isEqualTo("destructive");
        assertThat(actions.get(2).has("style")).isFalse();
        assertThat(actions.get(0).path("data").path("opsbot").path("value").asText()).isEqualTo("id1#SHIPPED");
        assertThat(actions.get(0).path("fallback").path("type").asText()).isEqualTo("Action.Submit");
        assertThat(actions.get(0).path("fallback").path("data")).isEqualTo(actions.get(0).path("data"));
        assertThat(card.toString()).doesNotContain("null");
    }

    @Test
    void aRejectedFormShowsTheTypedValuesAndEachErrorUnderItsInput() {
        Form form = Form.builder("f.new", "Share feedback").submit("Save")
                .intro(new Block.Section(Markup.plain("Intro")))
                .input(Input.text("summary").label("Summary").required().max(150).hint("One line")
                        .placeholder("e.g. Slow"))
                .input(Input.select("kind", List.of(new Choice("BUG", "Bug"), new Choice("IDEA", "Idea")))
                        .label("Kind"))
                .input(Input.number("impact").label("Impact").between(1, 5))
                .input(Input.date("due").label("Due"))
                .state("source=MESSAGE")
                .build()
                .rejected(Map.of("summary", "", "kind", "IDEA", "impact", "9", "due", "2027-01-31"),
                        Map.of("summary", "Summary is required.", "impact", "Enter a number from 1 to 5."));

        JsonNode card = CardJson.toTree(FormCardRenderer.card(form, "0123456789abcdef0123456789abcdef"));
        JsonNode body = card.path("body");

        assertThat(body.get(0).path("text").asText()).isEqualTo("Share feedback");
        assertThat(body.get(1).path("text").asText()).isEqualTo("Intro");
        assertThat(body.get(2).path("color").asText()).isEqualTo("Attention");
        JsonNode summary = body.get(3);
        assertThat(summary.path("type").asText()).isEqualTo("Input.Text");
        assertThat(summary.path("isRequired").asBoolean()).isTrue();
        assertThat(summary.path("errorMessage").asText()).isEqualTo("Summary is required.");
        assertThat(summary.path("placeholder").asText()).isEqualTo("e.g. Slow");
        assertThat(summary.path("label").asText()).isEqualTo("Summary");
        assertThat(body.get(4).path("text").asText()).isEqualTo("One line");
        assertThat(body.get(5).path("text").asText()).isEqualTo("Summary is required.");
        assertThat(body.get(5).path("color").asText()).isEqualTo("Attention");
        assertThat(body.get(6).path("value").asText()).isEqualTo("IDEA");
        assertThat(body.get(6).path("choices").get(1).path("title").asText()).isEqualTo("Idea");
        assertThat(body.get(7).path("type").asText()).isEqualTo("Input.Number");
        assertThat(body.get(7).path("value").asInt()).isEqualTo(9);
        assertThat(body.get(7).path("max").asInt()).isEqualTo(5);
        assertThat(body.get(8).path("text").asText()).isEqualTo("Enter a number from 1 to 5.");
        assertThat(body.get(9).path("type").asText()).isEqualTo("Input.Date");
        assertThat(body.get(9).path("value").asText()).isEqualTo("2027-01-31");
        JsonNode submit = card.path("actions").get(0);
        assertThat(submit.path("type").asText()).isEqualTo("Action.Submit");
        assertThat(submit.path("title").asText()).isEqualTo("Save");
        assertThat(submit.path("data").path("opsbot").path("form").asText()).isEqualTo("f.new");
        assertThat(submit.path("data").path("opsbot").path("state").asText()).isEqualTo("source=MESSAGE");
        assertThat(submit.path("data").path("opsbot").path("nonce").asText())
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void timeDaysPeopleAndChannelInputs() {
        Form form = Form.builder("standup.edit", "Standup").submit("Save")
                .input(Input.time("time").label("Time").required().initial("09:30"))
                .input(Input.multiSelect("days", List.of(new Choice("MONDAY", "Mon"), new Choice("FRIDAY", "Fri")))
                        .label("Days").required().initial("MONDAY,FRIDAY"))
                .input(Input.people("people").label("Participants").required().multiple().initial("aad-1"))
                .input(Input.channel("channel").label("Report channel").required())
                .build();
        PickerChoices pickers = new PickerChoices(List.of(new CardElement.Choice("Ana", "aad-1")),
                List.of(new CardElement.Choice("Product", "19:abc@thread.tacv2")));

        JsonNode body = CardJson.toTree(FormCardRenderer.card(form, "0123456789abcdef0123456789abcdef", pickers))
                .path("body");

        assertThat(body.get(1).path("type").asText()).isEqualTo("Input.Time");
        assertThat(body.get(1).path("value").asText()).isEqualTo("09:30");
        assertThat(body.get(2).path("type").asText()).isEqualTo("Input.ChoiceSet");
        assertThat(body.get(2).path("isMultiSelect").asBoolean()).isTrue();
        assertThat(body.get(2).path("value").asText()).isEqualTo("MONDAY,FRIDAY");
        assertThat(body.get(3).path("choices").get(0).path("value").asText()).isEqualTo("aad-1");
        assertThat(body.get(3).path("style").asText()).isEqualTo("filtered");
        assertThat(body.get(3).has("choices.data")).as("dynamic choices are Adaptive Cards 1.6").isFalse();
        assertThat(body.get(3).path("isMultiSelect").asBoolean()).isTrue();
        assertThat(body.get(4).path("choices").get(0).path("title").asText()).isEqualTo("Product");
    }

    @Test
    void aFormWithAPeoplePickerSurvivesTheConnectorsSerializer() throws Exception {
        Form form = Form.builder("standup.edit", "Standup").submit("Save")
                .input(Input.people("participants").label("Participants").multiple())
                .build();
        PickerChoices pickers = new PickerChoices(List.of(new CardElement.Choice("Ana", "aad-1")), List.of());
        AdaptiveCard card = FormCardRenderer.card(form, "0123456789abcdef0123456789abcdef", pickers);
        Activity activity = OutboundActivities.card(card, "Standup");

        // What the Bot Connector client puts on the wire: Azure's FlatteningSerializer nests dotted keys.
        JsonNode sent = new ObjectMapper().readTree(new JacksonAdapter().serialize(activity));

        JsonNode picker = sent.path("attachments").get(0).path("content").path("body").get(1);
        assertThat(picker.path("choices").isArray()).isTrue();
        assertThat(picker.path("choices").get(0).path("value").asText()).isEqualTo("aad-1");
        assertThat(picker.path("style").asText()).isEqualTo("filtered");
        assertThat(sent.path("attachments").get(0).path("content").path("actions").get(0).path("data")
                .path("opsbot").path("form").asText()).isEqualTo("standup.edit");

        // An invoke response is written by the SDK's plain mapper: the card goes in unescaped.
        AdaptiveCardInvokeResponse response = new AdaptiveCardInvokeResponse();
        response.setStatusCode(200);
        response.setType(AdaptiveCard.CONTENT_TYPE);
        response.setValue(CardJson.toTree(card));
        JsonNode answered = new ObjectMapper().readTree(Serialization.toStringSilent(response));
        assertThat(answered.path("value").path("body").get(1).path("choices").get(0).path("title").asText())
                .isEqualTo("Ana");
    }

    @Test
    void theStandupProgressBarIsShownWithoutQuotesCommandsKeepThem() {
        Markup progress = Markup.builder().bold("1 of 2 answered").text("  ").code("▓▓▓▓▓░░░░░").build();
        Markup hint = Markup.builder().text("Type ").code("skip").text(" to skip one.").build();

        assertThat(TeamsMarkdown.render(progress, Target.CARD, 100)).isEqualTo("**1 of 2 answered**  ▓▓▓▓▓░░░░░");
        assertThat(TeamsMarkdown.render(hint, Target.CARD, 100)).isEqualTo("Type `skip` to skip one.");
        assertThat(TeamsMarkdown.render(progress, Target.MESSAGE, 100)).endsWith("`▓▓▓▓▓░░░░░`");
    }

    @Test
    void multiLineAnswersKeepTheirLinesTypedMarkersStayTextAndParenthesesNeedNoEscape() {
        Markup report = Markup.builder().bold("What did you do (yesterday)?").newline()
                .text("Shipped the export (v2)\n- fixed CSV\r\n# 2 bugs left\n1. review").build();

        String md = TeamsMarkdown.render(report, Target.CARD, 1000);

        assertThat(md).isEqualTo("**What did you do (yesterday)?**\n\nShipped the export (v2)\n\n\\- fixed CSV\n\n"
                + "\\# 2 bugs left\n\n1\\. review");
    }

    @Test
    void aStandupReportAndSummaryRenderAsCards() {
        UserRef ana = new UserRef(TenantRef.teams("t"), "aad-1");
        Message summary = Message.builder("Daily · Wed 25 Nov 2026: 1 of 2 answered")
                .header("🗓️ Daily · Wed 25 Nov 2026")
                .section(Markup.builder().bold("1 of 2 answered").text("  ").code("▓▓▓▓▓░░░░░").build())
                .section(Markup.builder().text("✅ ").mention(ana, "Ana").italic(" answered").newline()
                        .text("⏳ ").mention(new UserRef(TenantRef.teams("t"), "aad-2"), "Bo").italic(" waiting")
                        .build())
                .context(Markup.plain("Reports are in this thread as they come in."))
                .build();

        JsonNode body = CardJson.toTree(MessageCards.card(summary)).path("body");

        assertThat(body.get(0).path("text").asText()).isEqualTo("🗓️ Daily · Wed 25 Nov 2026");
        assertThat(body.get(1).path("text").asText()).isEqualTo("**1 of 2 answered**  ▓▓▓▓▓░░░░░");
        assertThat(body.get(2).path("text").asText()).isEqualTo("✅ Ana _answered_\n\n⏳ Bo _waiting_");
        assertThat(body.get(3).path("isSubtle").asBoolean()).isTrue();
    }
}
