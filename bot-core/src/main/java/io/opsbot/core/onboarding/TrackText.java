package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.UserError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Steps as typed in the track form, one per line: {@code day | title | text | link | ack}. Only the day and title are
 * needed; a field starting with http is the link, and {@code ack} marks a step that must be confirmed.
 */
final class TrackText {

    static final String HINT = "One step per line: day | title | text | link | ack. For example: "
            + "day 1 | Set up your laptop | Follow the IT guide | https://wiki.example.com/it | ack";

    private TrackText() {
    }

    static String format(List<OnboardingStep> steps) {
        return steps.stream().map(s -> {
            StringBuilder line = new StringBuilder(DayOffset.format(s.day()) + " | " + s.title() + " | "
                    + s.body().replace('\n', ' ').replace("|", "/"));
            if (s.link() != null) {
                line.append(" | ").append(s.link());
            }
            if (s.requiresAck()) {
                line.append(" | ack");
            }
            return line.toString();
        }).collect(Collectors.joining("\n"));
    }

    static List<OnboardingStep> parse(String text) {
        List<OnboardingStep> steps = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            String where = "Line " + (n + 1) + ": ";
            if (fields.length < 2 || fields[1].isBlank()) {
                throw new UserError(where + "write at least the day and a title, like day 1 | Welcome.");
            }
            int day;
            try {
                day = DayOffset.parse(fields[0]);
            } catch (UserError e) {
                throw new UserError(where + e.getMessage());
            }
            String title = fields[1].strip();
            if (title.length() > OnboardingStep.TITLE_LIMIT) {
                throw new UserError(where + "the title is over " + OnboardingStep.TITLE_LIMIT + " characters.");
            }
            String body = fields.length > 2 ? fields[2].strip() : "";
            String link = null;
            boolean ack = false;
            for (int f = 3; f < fields.length; f++) {
                String field = fields[f].strip();
                if (field.isEmpty()) {
                    continue;
                }
                if (field.toLowerCase(Locale.ROOT).matches("ack|requires ack|acknowledge")) {
                    ack = true;
                } else if (field.matches("https?://\\S+")) {
                    link = field;
                } else {
                    throw new UserError(where + "\"" + field + "\" is neither a link (https://...) nor ack.");
                }
            }
            steps.add(new OnboardingStep(title, body, link, day, ack));
        }
        if (steps.isEmpty()) {
            throw new UserError("Write at least one step.");
        }
        return steps;
    }
}
