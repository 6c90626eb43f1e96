package io.opsbot.core.standup;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The form that creates or edits a standup (managers and admins). */
@Component
public class StandupForm implements FormHandler {

    static final String FORM_ID = "standup.edit";
    static final int MAX_QUESTIONS = 8;
    static final Permission MANAGE = Permission.of(Role.MANAGER, "set up and change standups");

    private final StandupService service;
    private final StandupChanges changes;
    private final StandupRepository standups;
    private final StandupNudges nudges;
    private final ProfileService profiles;
    private final Clock clock;

    public StandupForm(StandupService service, StandupChanges changes, StandupRepository standups,
                       StandupNudges nudges, ProfileService profiles, Clock clock) {
        this.service = service;
        this.changes = changes;
        this.standups = standups;
        this.nudges = nudges;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    @Override
    public Permission permission() {
        return MANAGE;
    }

    Form blank(ZoneId suggestedZone) {
        List<Choice> days = Arrays.stream(DayOfWeek.values())
                .map(d -> new Choice(d.name(), d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))).toList();
        return Form.builder(FORM_ID, "Standup").submit("Save")
                .input(Input.text("name").label("Name").required().max(40).initial("Daily standup"))
                .input(Input.channel("channel").label("Post reports in").required()
                        .hint("The bot must be able to post there."))
                .input(Input.people("participants").label("Participants").multiple())
                .input(Input.channel("members_of").label("Or everyone in this channel")
                        .hint("Members are looked up at each standup."))
                .input(Input.multiSelect("days", days).label("Days").required()
                        .initial("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY"))
                .input(Input.time("time").label("Time").required().initial("09:00"))
                .input(Input.select("zone_mode", List.of(
                                new Choice(ZoneMode.TEAM.name(), "Everyone at once, in the team's time zone"),
                                new Choice(ZoneMode.PARTICIPANT.name(), "Each person at this time in their own zone")))
                        .label("Whose time?").required().initial(ZoneMode.TEAM.name()))
                .input(Input.text("zone").label("Team time zone").required().max(60)
                        .hint("An IANA name, e.g. Europe/Berlin.").initial(suggestedZone.getId()))
                .input(Input.text("questions").label("Questions, one per line").required().multiline().max(3000)
                        .hint(QuestionSyntax.HINT)
                        .initial(Question.DEFAULTS.stream().map(Question::text).collect(Collectors.joining("\n"))))
                .input(Input.select("mood", List.of(new Choice("yes", "Yes"), new Choice("no", "No")))
                        .label("Ask about mood (1-5)?").initial("no"))
                .input(Input.number("reminder").label("Remind non-responders after (minutes)").required()
                        .between(0, 720).hint("0 for no reminder.").initial("60"))
                .input(Input.number("cutoff").label("Answers close after (hours)").required().between(1, 23)
                        .hint("Then the summary is final.").initial("4"))
                .input(Input.people("managers").label("Also managed by").multiple()
                        .hint("Managers who may change, run or pause it, besides you and the admins."))
                .build();
    }

    Form editing(Standup standup) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", standup.getName());
        values.put("channel", standup.getReportChannel().channelId());
        values.put("participants", standup.getParticipants().stream().map(UserRef::userId)
                .collect(Collectors.joining(",")));
        if (standup.getMembersOf() != null) {
            values.put("members_of", standup.getMembersOf().channelId());
        }
        values.put("days", standup.getDays().stream().map(Enum::name).collect(Collectors.joining(",")));
        values.put("time", standup.getTime());
        values.put("zone_mode", standup.getZoneMode().name());
        values.put("zone", standup.getTeamZone());
        List<Question> asked = standup.getQuestions().stream().filter(q -> q.kind() != QuestionKind.MOOD).toList();
        values.put("questions", QuestionSyntax.format(asked));
        values.put("mood", standup.getQuestions().stream().anyMatch(q -> q.kind() == QuestionKind.MOOD) ? "yes"
                : "no");
        values.put("reminder", String.valueOf(standup.getReminderMinutes()));
        values.put("cutoff", String.valueOf(standup.getCutoffMinutes() / 60));
        values.put("managers", standup.getManagers().stream().map(UserRef::userId).collect(Collectors.joining(",")));
        return blank(standup.zone()).withValues(values).withState(FormState.encode(Map.of("id", standup.getId())));
    }

    @Override
    public Form form(FormSubmission submission) {
        return blank(ZoneId.of("UTC"));
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        UserRef actor = submission.invoker().user();
        TenantRef tenant = actor.tenant();
        String id = FormState.decode(submission.state()).get("id");
        Standup standup = id == null ? new Standup(tenant, values.text("name").orElseThrow(), actor, clock.instant())
                : service.find(id).filter(s -> s.getTenant().equals(tenant)).orElse(null);
        if (standup == null) {
            return SubmissionResult.rejected("name", "That standup no longer exists.");
        }
        // The form is a manager's, but an edit is for this standup's managers only (a card can be replayed).
        String before = id == null ? null : StandupDescriptions.setUp(standup);
        if (id != null) {
            changes.require(actor, standup, "change it");
        }
        String name = values.text("name").orElseThrow();
        boolean taken = service.inTenant(tenant).stream().anyMatch(s -> !s.getId().equals(standup.getId())
                && s.getName().equalsIgnoreCase(name));
        if (taken) {
            return SubmissionResult.rejected("name", "There is already a standup named " + name + ".");
        }
        ZoneId zone;
        try {
            zone = ProfileService.parseZone(values.text("zone").orElseThrow());
        } catch (UserError e) {
            return SubmissionResult.rejected("zone", e.getMessage());
        }
        List<Question> questions;
        try {
            questions = new ArrayList<>(QuestionSyntax.parse(values.text("questions").orElse("")));
        } catch (UserError e) {
            return SubmissionResult.rejected("questions", e.getMessage());
        }
        if (questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
            return SubmissionResult.rejected("questions", "Ask between 1 and " + MAX_QUESTIONS + " questions.");
        }
        List<UserRef> people = values.list("participants").stream().map(u -> new UserRef(tenant, u)).toList();
        String membersOf = values.text("members_of").orElse(null);
        if (people.isEmpty() && membersOf == null) {
            return SubmissionResult.rejected("participants", "Pick participants, or a channel whose members take "
                    + "part.");
        }
        int reminder = values.integer("reminder").orElse(60);
        int cutoffMinutes = values.integer("cutoff").orElse(4) * 60;
        if (reminder >= cutoffMinutes) {
            return SubmissionResult.rejected("reminder", "The reminder must come before answers close.");
        }
        if (values.text("mood").filter("yes"::equals).isPresent()) {
            questions.add(Question.MOOD);
        }
        standup.setName(name);
        standup.setReportChannel(new Destination.Channel(tenant, values.text("channel").orElseThrow()));
        standup.setParticipants(people);
        standup.setMembersOf(membersOf == null ? null : new Destination.Channel(tenant, membersOf));
        standup.setDays(values.list("days").stream().map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class))));
        standup.setTime(values.time("time").orElseThrow());
        standup.setZoneMode(ZoneMode.valueOf(values.text("zone_mode").orElse(ZoneMode.TEAM.name())));
        standup.setTeamZone(zone);
        standup.setQuestions(questions);
        standup.setReminderMinutes(reminder);
        standup.setCutoffMinutes(cutoffMinutes);
        List<UserRef> managers = values.list("managers").stream().map(u -> new UserRef(tenant, u)).toList();
        standup.setManagers(managers);
        standup.setUpdatedAt(clock.instant());
        Standup saved = standups.save(standup);
        nudges.schedule(saved, false);
        changes.saved(submission.invoker().actor(), before, saved);
        Markup.Builder done = Markup.builder().text("✅ ").bold(saved.getName())
                .text(id == null ? " is set up: " : " is updated: ").text(StandupDescriptions.when(saved))
                .text(", " + service.participants(saved).size() + " participant(s).");
        List<UserRef> withoutRole = changes.withoutManagerRole(managers);
        if (!withoutRole.isEmpty()) {
            done.newline().text("Not managers yet, so they cannot change it: ").text(String.join(", ",
                    withoutRole.stream().map(profiles::displayName).toList())).text(". An admin can name them with ")
                    .code(submission.invoker().platform().command("opsbot") + " roles add manager @person")
                    .text(".");
        }
        return SubmissionResult.accepted(Message.of(done.build()));
    }
}
