package io.opsbot.core.training;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar file, read back with ical4j's own parser: zone, times across DST, UID, SEQUENCE, METHOD. */
class TrainingCalendarTest {

    private static final TenantRef TENANT = TenantRef.slack("T0CAL");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static TrainingSession session(Instant startsAt, ZoneId zone, String title) {
        return new TrainingSession(TENANT, 7, new UserRef(TENANT, "U0ORG"), "Olga", title, "Bring questions",
                "https://meet.example.com/crm", startsAt, zone, List.of(new UserRef(TENANT, "U0ANA")),
                Instant.parse("2026-10-01T08:00:00Z"));
    }

    private static Calendar parse(byte[] ics) throws Exception {
        return new CalendarBuilder().build(new ByteArrayInputStream(ics));
    }

    private static VEvent event(Calendar calendar) {
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    @Test
    void anInvitationIsAnEventInTheTrainingsZoneWithItsVTimezoneAndAStableUid() throws Exception {
        // Monday 2 November 2026, 10:00 in Berlin: after the clocks went back (CET, UTC+1) on 25 October.
        Instant startsAt = ZonedDateTime.of(2026, 11, 2, 10, 0, 0, 0, BERLIN).toInstant();
        TrainingSession session = session(startsAt, BERLIN, "CRM <!channel> walkthrough, part 1; basics");

        byte[] ics = TrainingCalendar.file(session, Duration.ofMinutes(90)).content();
        String text = new String(ics, StandardCharsets.UTF_8);
        Calendar calendar = parse(ics);

        assertThat(text).contains("DTSTART;TZID=Europe/Berlin:20261102T100000")
                .contains("DTEND;TZID=Europe/Berlin:20261102T113000");
        assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("PUBLISH");
        assertThat(calendar.<VTimeZone>getComponents("VTIMEZONE")).singleElement()
                .satisfies(tz -> assertThat(tz.getProperty("TZID").orElseThrow().getValue())
                        .isEqualTo("Europe/Berlin"));
        VEvent event = event(calendar);
        assertThat(value(event, "SUMMARY")).isEqualTo("CRM <!channel> walkthrough, part 1; basics");
        assertThat(value(event, "UID")).isEqualTo("SLACK-T0CAL-TR-7@product-ops-bot");
        assertThat(value(event, "SEQUENCE")).isEqualTo("0");
        assertThat(value(event, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(value(event, "URL")).isEqualTo("https://meet.example.com/crm");
        Temporal start = event.<DtStart<Temporal>>getProperty("DTSTART").orElseThrow().getDate();
        assertThat(Instant.from(start)).as("the instant, read back through the VTIMEZONE").isEqualTo(startsAt);
    }

    @Test
    void timesEitherSideOfADaylightSavingChangeKeepTheirLocalTime() throws Exception {
        // Summer time (CEST, UTC+2) on Friday 23 October; winter time (CET) from Sunday 25 October.
        Instant summer = ZonedDateTime.of(2026, 10, 23, 16, 0, 0, 0, BERLIN).toInstant();
        Instant winter = ZonedDateTime.of(2026, 10, 26, 16, 0, 0, 0, BERLIN).toInstant();
        assertThat(summer).isEqualTo(Instant.parse("2026-10-23T14:00:00Z"));
        assertThat(winter).isEqualTo(Instant.parse("2026-10-26T15:00:00Z"));

        for (Instant at : List.of(summer, winter)) {
            Calendar calendar = parse(TrainingCalendar.file(session(at, BERLIN, "Weekly"), Duration.ofHours(1))
                    .content());
            VEvent event = event(calendar);
            assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).endsWith("T160000");
            Temporal start = event.<DtStart<Temporal>>getProperty("DTSTART").orElseThrow().getDate();
            assertThat(Instant.from(start)).isEqualTo(at);
        }
    }

    @Test
    void anEditRaisesTheSequenceAndACancellationIsMethodCancelWithTheSameUid() throws Exception {
        Instant startsAt = Instant.parse("2026-12-01T15:00:00Z");
        TrainingSession session = session(startsAt, ZoneId.of("America/New_York"), "Roadmap");
        String uid = value(event(parse(TrainingCalendar.file(session, Duration.ofHours(1)).content())), "UID");

        ReflectionTestUtils.setField(session, "sequence", 2);
        ReflectionTestUtils.setField(session, "status", TrainingSession.Status.CANCELLED);
        Calendar cancelled = parse(TrainingCalendar.file(session, Duration.ofHours(1)).content());

        assertThat(cancelled.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        VEvent event = event(cancelled);
        assertThat(value(event, "UID")).isEqualTo(uid);
        assertThat(value(event, "SEQUENCE")).isEqualTo("2");
        assertThat(value(event, "STATUS")).isEqualTo("CANCELLED");
        assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20261201T100000");
    }

    @Test
    void aTrainingInUtcIsReadBackAtTheSameInstant() throws Exception {
        Instant startsAt = Instant.parse("2026-12-01T15:00:00Z");
        String text = new String(TrainingCalendar.file(session(startsAt, ZoneId.of("UTC"), "UTC"),
                Duration.ofHours(1)).content(), StandardCharsets.UTF_8);

        assertThat(text).contains("T150000");
        assertThat(Instant.from(event(parse(text.getBytes(StandardCharsets.UTF_8)))
                .<DtStart<Temporal>>getProperty("DTSTART").orElseThrow().getDate())).isEqualTo(startsAt);
    }
}
