package io.opsbot.core.feedback;

import io.opsbot.core.conversation.UserError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackTextParserTest {

    private static final List<String> AREAS = List.of("reporting", "billing", "mobile-app");

    @Test
    void readsAreaImpactAndTypeAndKeepsTheRestAsSummary() {
        FeedbackDraft draft = FeedbackTextParser.parse("bug: Export to CSV times out #reporting !high", AREAS);

        assertThat(draft.summary()).isEqualTo("Export to CSV times out");
        assertThat(draft.type()).isEqualTo(FeedbackType.BUG);
        assertThat(draft.area()).isEqualTo("reporting");
        assertThat(draft.impact()).isEqualTo(FeedbackTextParser.HIGH);
        assertThat(draft.details()).isNull();
    }

    @Test
    void lowAndNumericImpactAndCaseInsensitiveTags() {
        assertThat(FeedbackTextParser.parse("Dark mode please !LOW #Mobile-App", AREAS).impact())
                .isEqualTo(FeedbackTextParser.LOW);
        assertThat(FeedbackTextParser.parse("Invoices are wrong !5 #billing", AREAS).impact()).isEqualTo(5);
    }

    @Test
    void numbersChannelLinksAndEntitiesAreNotAreas() {
        FeedbackDraft draft = FeedbackTextParser.parse("Ticket #123 from <#C024BE7LR|support> &#39;urgent&#39;",
                AREAS);

        assertThat(draft.area()).isNull();
        assertThat(draft.summary()).isEqualTo("Ticket #123 from <#C024BE7LR|support> &#39;urgent&#39;");
    }

    @Test
    void anUnknownAreaLeavesTheItemWithoutOneAndSaysWhichTagItWas() {
        FeedbackTextParser.Parsed parsed = FeedbackTextParser.read("Slow sync #sync !high", AREAS);

        assertThat(parsed.draft().summary()).isEqualTo("Slow sync");
        assertThat(parsed.draft().area()).isNull();
        assertThat(parsed.draft().impact()).isEqualTo(FeedbackTextParser.HIGH);
        assertThat(parsed.unknownArea()).isEqualTo("sync");
        assertThat(FeedbackTextParser.read("Slow sync #billing", AREAS).unknownArea()).isNull();
    }

    @Test
    void twoAreasAreRefused() {
        assertThatThrownBy(() -> FeedbackTextParser.parse("Both #billing and #reporting", AREAS))
                .isInstanceOf(UserError.class).hasMessageContaining("one area per item");
    }

    @Test
    void onlyTagsMeansNoSummary() {
        assertThatThrownBy(() -> FeedbackTextParser.parse("  #billing !high ", AREAS))
                .isInstanceOf(UserError.class).hasMessageContaining("Tell me what the feedback is");
    }

    @Test
    void longTextKeepsEverythingInDetailsAndShortensTheSummaryAtAWord() {
        String text = "The customer said " + "the dashboard is slow when filtering ".repeat(20) + "and left.";

        FeedbackDraft draft = FeedbackTextParser.parse(text, AREAS);

        assertThat(draft.summary()).hasSizeLessThanOrEqualTo(FeedbackDraft.SUMMARY_LIMIT).endsWith("…");
        assertThat(draft.summary()).doesNotEndWith(" …");
        assertThat(draft.details()).isEqualTo(text);
    }

    @Test
    void multiLineTextUsesTheFirstLineAsSummary() {
        FeedbackDraft draft = FeedbackTextParser.parse("Login loops\nOn Safari 17 after SSO.\nSeen by 3 customers.",
                AREAS);

        assertThat(draft.summary()).isEqualTo("Login loops");
        assertThat(draft.details()).isEqualTo("Login loops\nOn Safari 17 after SSO.\nSeen by 3 customers.");
    }

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String text = "a".repeat(9) + "😀😀😀";

        String shortened = io.opsbot.core.message.Texts.shorten(text, 11);

        assertThat(shortened).isEqualTo("a".repeat(9) + "…");
        assertThat(io.opsbot.core.message.Texts.shorten("a".repeat(8) + "😀😀", 11)).isEqualTo("a".repeat(8) + "😀…");
    }

    @Test
    void textOverTheStorageLimitIsRefused() {
        assertThatThrownBy(() -> FeedbackTextParser.parse("x".repeat(FeedbackDraft.TEXT_LIMIT + 1), AREAS))
                .isInstanceOf(UserError.class).hasMessageContaining("limited to 40000");
    }
}
