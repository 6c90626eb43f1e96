package io.opsbot.core.onboarding;

import java.util.Objects;

/**
 * One step of a track: what to read or do, an optional link, the day it comes ({@link DayOffset}) and whether the new
 * person must confirm it ({@code requiresAck}: it stays open, and is reminded when overdue, until they press Done),
 * and an optional {@link StepQuiz} answered with buttons on the step card.
 */
public record OnboardingStep(String title, String body, String link, int day, boolean requiresAck, StepQuiz quiz) {

    public static final int TITLE_LIMIT = 100;
    public static final int BODY_LIMIT = 1500;

    public OnboardingStep {
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
        link = link == null || link.isBlank() ? null : link.strip();
        if (day < 1) {
            throw new IllegalArgumentException("steps start on day 1");
        }
    }

    public OnboardingStep(String title, String body, String link, int day, boolean requiresAck) {
        this(title, body, link, day, requiresAck, null);
    }
}
