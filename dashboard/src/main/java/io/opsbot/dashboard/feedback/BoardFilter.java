package io.opsbot.dashboard.feedback;

import io.opsbot.core.feedback.FeedbackBoard;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.tenant.UserRef;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The board's filters as they arrive in the address (so a filtered board can be bookmarked, shared and exported as
 * shown): words, area, type, status ({@code open} for everything not closed), customer, owner ({@code me} or a user id
 * of the viewer's tenant), and a date range. Values that cannot be read filter nothing rather than fail.
 */
public record BoardFilter(String q, String area, String type, String status, String customer, String owner,
                          String from, String to, Integer page) {

    /** The core's filter, {@code owner=me} read as the viewer. */
    public FeedbackBoard.Filter toFilter(UserRef viewer) {
        return new FeedbackBoard.Filter(area, FeedbackType.parse(type).orElse(null),
                "open".equals(status) ? null : FeedbackStatus.parse(status).orElse(null), "open".equals(status),
                customer, day(from), day(to), q, "me".equals(owner) ? viewer.userId() : owner);
    }

    public int pageNumber() {
        return page == null || page < 1 ? 1 : page;
    }

    /** The filters as a query string (without the page), for the export link and the pages' links. */
    public String query() {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        add(uri, "q", q);
        add(uri, "area", area);
        add(uri, "type", type);
        add(uri, "status", status);
        add(uri, "customer", customer);
        add(uri, "owner", owner);
        add(uri, "from", from);
        add(uri, "to", to);
        String query = uri.build().encode().getQuery();
        return query == null ? "" : query;
    }

    private static void add(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value.strip());
        }
    }

    private static LocalDate day(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
