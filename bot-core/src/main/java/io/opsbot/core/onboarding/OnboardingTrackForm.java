package io.opsbot.core.onboarding;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The admins' form to write a track (or their own version of a configured one), stored for their tenant. */
@Component
public class OnboardingTrackForm implements FormHandler {

    static final String FORM_ID = "onboarding.track";
    static final String EDIT = "edit";
    static final int STEPS_LIMIT = 3000;
    static final Permission WRITE_TRACKS = Permission.of(Role.ADMIN, "write onboarding tracks");

    private final TrackCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    public OnboardingTrackForm(TrackCatalog catalog, AuditLog audit, Clock clock) {
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    @Override
    public Permission permission() {
        return WRITE_TRACKS;
    }

    static Form blank() {
        return Form.builder(FORM_ID, "Onboarding track").submit("Save")
                .input(Input.text("key").label("Key").required().max(30)
                        .hint("Short name used in commands: letters, digits, dashes.").placeholder("e.g. engineering"))
                .input(Input.text("title").label("Title").required().max(100)
                        .placeholder("e.g. Engineering onboarding"))
                .input(Input.text("description").label("Description").multiline().max(500))
                .input(Input.people("notify").label("Tell when someone finishes").multiple()
                        .hint("Their buddy or manager."))
                .input(Input.text("steps").label("Steps").required().multiline().max(STEPS_LIMIT)
                        .hint(TrackText.HINT))
                .build();
    }

    /** The form for a new track, or filled with an existing one to edit. */
    Form open(TenantRef tenant, String editKey) {
        if (editKey == null) {
            return blank();
        }
        OnboardingTrack track = catalog.require(tenant, editKey);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("key", track.key());
        values.put("title", track.title());
        if (track.description() != null) {
            values.put("description", track.description());
        }
        values.put("notify", track.notifyIn(tenant).stream().map(UserRef::userId).collect(Collectors.joining(",")));
        values.put("steps", TrackText.format(track.steps()));
        return blank().withValues(values).withState(FormState.encode(Map.of(EDIT, track.key())));
    }

    /** What the audit log keeps of a track, to compare before and after an edit. */
    private static String describe(OnboardingTrack track) {
        return track.title() + "; " + track.steps().size() + " steps: " + String.join(" / ",
                track.steps().stream().map(OnboardingStep::title).toList());
    }

    @Override
    public Form form(FormSubmission submission) {
        String edit = FormState.decode(submission.state()).get(EDIT);
        return edit == null || catalog.find(submission.invoker().tenant(), edit).isEmpty() ? blank()
                : open(submission.invoker().tenant(), edit);
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        UserRef actor = submission.invoker().user();
        String key = values.text("key").orElse("").toLowerCase(java.util.Locale.ROOT);
        if (!key.matches(OnboardingTrack.KEY_PATTERN)) {
            return SubmissionResult.rejected("key", "Use lower-case letters, digits and dashes, starting with a "
                    + "letter (up to 30).");
        }
        List<OnboardingStep> steps;
        try {
            steps = TrackText.parse(values.text("steps").orElse(""));
        } catch (UserError e) {
            return SubmissionResult.rejected("steps", e.getMessage());
        }
        TenantRef tenant = actor.tenant();
        List<UserRef> notify = values.list("notify").stream().map(id -> new UserRef(tenant, id)).toList();
        String before = catalog.find(tenant, key).map(OnboardingTrackForm::describe).orElse(null);
        OnboardingTrack track = catalog.save(new OnboardingTrack(OnboardingTrack.id(tenant, key), tenant, key,
                values.text("title").orElse(key), values.text("description").orElse(null), steps, notify,
                clock.instant(), actor));
        audit.record(submission.invoker().actor(), before == null ? "onboarding.track-create"
                : "onboarding.track-edit", track.key(), before, describe(track));
        long ack = track.steps().stream().filter(OnboardingStep::requiresAck).count();
        return SubmissionResult.accepted(Message.of(Markup.builder().text("✅ Saved onboarding track ")
                .bold(track.title()).text(" (").code(track.key()).text("): " + track.steps().size() + " steps, "
                        + ack + " to acknowledge, over " + DayOffset.format(track.steps().get(track.steps().size() - 1)
                        .day()) + ". Start someone on it with ")
                .code(submission.invoker().platform().command("onboarding") + " start @person " + track.key())
                .text(".").build()));
    }
}
