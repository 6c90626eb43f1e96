package io.opsbot.core.feedback;

import io.opsbot.core.home.HomeItem;
import io.opsbot.core.home.HomePart;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A person's latest feedback on their home, and where each item stands. */
@Component
class FeedbackHome implements HomePart {

    private final FeedbackService feedback;

    FeedbackHome(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @Override
    public List<HomeItem> homeItems(UserRef user, ZoneId zone, Instant now) {
        return feedback.recentByReporter(user).stream().map(item -> new HomeItem(HomeItem.Section.FEEDBACK,
                Markup.builder().text(item.getStatus().emoji() + " ").bold(item.reference().toString())
                        .text(" " + Texts.shorten(item.getSummary(), 100)).italic(" · " + item.getStatus().label())
                        .build(), List.of(), false)).toList();
    }
}
