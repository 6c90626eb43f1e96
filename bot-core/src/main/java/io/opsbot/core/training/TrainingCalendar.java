package io.opsbot.core.training;

import io.opsbot.core.gateway.ChatFile;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.validate.ValidationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;

/**
 * A training as an iCalendar file (RFC 5545, through ical4j) that people add to their calendar: one event whose UID is
 * the training's id, so a changed or cancelled training replaces the one already in the calendar; SEQUENCE is the
 * training's change count; the time is in the training's IANA zone with its VTIMEZONE, so calendars move it right
 * across daylight-saving changes. A cancelled training is METHOD:CANCEL with STATUS:CANCELLED.
 */
final class TrainingCalendar {

    static final String MEDIA_TYPE = "text/calendar";
    static final String PRODUCT = "-//Product Ops Bot//Trainings//EN";
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private TrainingCalendar() {
    }

    /** The event's UID: the same for every version of one training. */
    static String uid(TrainingSession session) {
        return session.getId().replaceAll("[^A-Za-z0-9.-]", "-") + "@product-ops-bot";
    }

    /** The file for the training as it is now: {@code TR-3.ics}. */
    static ChatFile file(TrainingSession session, Duration length) {
        return new ChatFile(session.reference() + ".ics", MEDIA_TYPE, bytes(calendar(session, length)));
    }

    static Calendar calendar(TrainingSession session, Duration length) {
        boolean cancelled = session.getStatus() == TrainingSession.Status.CANCELLED;
        ZonedDateTime start = session.getStartsAt().atZone(session.zone());
        TimeZone zone = ZONES.getTimeZone(session.zone().getId());
        // A zone ical4j has no definition of (UTC, fixed offsets) is written as UTC times, which need none.
        Temporal from = zone != null ? start : session.getStartsAt();
        Temporal to = zone != null ? start.plus(length) : session.getStartsAt().plus(length);
        VEvent event = new VEvent(from, to, session.getTitle());
        event.add(new Uid(uid(session)));
        event.add(new Sequence(session.getSequence()));
        event.add(new DtStamp(session.timeSetAt()));
        if (session.getDescription() != null) {
            event.add(new Description(session.getDescription()));
        }
        if (session.getLink() != null) {
            try {
                event.add(new Url(new URI(session.getLink())));
            } catch (URISyntaxException e) {
                // Links are checked when the training is written; one that is no URI is left out of the file.
            }
        }
        event.add(new Status(cancelled ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        Calendar calendar = new Calendar().withProdId(PRODUCT).withDefaults()
                .withProperty(new Method(cancelled ? Method.VALUE_CANCEL : Method.VALUE_PUBLISH)).getFluentTarget();
        if (zone != null) {
            calendar.add(zone.getVTimeZone());
        }
        calendar.add(event);
        return calendar;
    }

    private static byte[] bytes(Calendar calendar) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // Not validated as an iTIP message: the bot knows no e-mail addresses to name an ORGANIZER with.
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("invalid calendar for a training: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
