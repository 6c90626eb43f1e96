package io.opsbot.core.okr;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.MessageInterceptor;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogService;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks an answer to a check-in question before the dialog takes it: a value that is not a number or is out of
 * range, or a confidence that is none of the three, gets a clear reply and the same question stays open, so nothing
 * wrong is ever stored. Valid answers (and skip / cancel) pass on to the {@link DialogService}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CheckInAnswerGuard implements MessageInterceptor {

    private final DialogService dialogs;
    private final CheckInService checkIns;
    private final ProfileService profiles;

    CheckInAnswerGuard(DialogService dialogs, CheckInService checkIns, ProfileService profiles) {
        this.dialogs = dialogs;
        this.checkIns = checkIns;
        this.profiles = profiles;
    }

    @Override
    public Optional<Response> intercept(Invoker invoker, String text) {
        if (!invoker.direct() || text.isBlank()) {
            return Optional.empty();
        }
        Optional<Dialog> active = dialogs.active(invoker.user()).filter(d -> CheckInDialog.KIND.equals(d.getKind()));
        if (active.isEmpty()) {
            return Optional.empty();
        }
        profiles.seen(invoker);
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (DialogService.CANCEL_WORDS.contains(word) || DialogService.SKIP_WORDS.contains(word)) {
            return Optional.empty();
        }
        Dialog dialog = active.get();
        Optional<KeyResult> kr = checkIns.visibleTo(invoker.user(), dialog.getSubject());
        if (kr.isEmpty()) {
            return Optional.empty();
        }
        if (dialog.position() == CheckInDialog.VALUE) {
            try {
                MetricValues.parse(kr.get(), text);
            } catch (UserError e) {
                return retry(e.getMessage() + " Nothing was saved. Try again, or type skip to keep "
                        + MetricValues.format(kr.get(), kr.get().getCurrent()) + ".");
            }
        } else if (dialog.position() == CheckInDialog.CONFIDENCE && Confidence.parse(text).isEmpty()) {
            return retry("Answer on track, at risk or off track (or 1, 2, 3), or skip to keep "
                    + (kr.get().getConfidence() == null ? "on track" : kr.get().getConfidence().label()) + ".");
        } else if (dialog.position() == CheckInDialog.COMMENT && text.strip().length() > CheckInService.COMMENT_LIMIT) {
            return retry("Keep the comment under " + CheckInService.COMMENT_LIMIT + " characters.");
        }
        return Optional.empty();
    }

    private static Optional<Response> retry(String message) {
        return Optional.of(Response.privately(Message.of(Markup.builder().text("⚠️ " + message).build())));
    }
}
