package io.opsbot.core.onboarding;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.List;

/** The managers' form to start a new hire on a track with their buddy and manager ({@code onboarding hire}). */
@Component
public class OnboardingStartForm implements FormHandler {

    static final String FORM_ID = "onboarding.start";
    static final Permission START_OTHERS = Permission.of(Role.MANAGER, "start someone else's onboarding");

    private final OnboardingService onboarding;
    private final TrackCatalog catalog;
    private final ProfileService profiles;

    public OnboardingStartForm(OnboardingService onboarding, TrackCatalog catalog, ProfileService profiles) {
        this.onboarding = onboarding;
        this.catalog = catalog;
        this.profiles = profiles;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    @Override
    public Permission permission() {
        return START_OTHERS;
    }

    Form open(TenantRef tenant) {
        List<Choice> tracks = catalog.all(tenant).stream().map(t -> new Choice(t.key(), t.title())).toList();
        if (tracks.isEmpty()) {
            throw new UserError("There is no onboarding track yet. An admin can write one with track new.");
        }
        return Form.builder(FORM_ID, "Start onboarding").submit("Start")
                .input(Input.people("hire").label("New hire").required())
                .input(Input.select("track", tracks).label("Track").required().initial(tracks.get(0).value()))
                .input(Input.people("buddy").label("Buddy").hint("Told when a step is overdue and when they finish."))
                .input(Input.people("manager").label("Manager")
                        .hint("Sees them in onboarding status; told when a step is overdue and when they finish."))
                .build();
    }

    @Override
    public Form form(FormSubmission submission) {
        return open(submission.invoker().tenant());
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        Invoker invoker = submission.invoker();
        TenantRef tenant = invoker.tenant();
        UserRef hire = new UserRef(tenant, values.text("hire").orElseThrow());
        HireContacts contacts = new HireContacts(values.text("buddy").map(id -> new UserRef(tenant, id)).orElse(null),
                values.text("manager").map(id -> new UserRef(tenant, id)).orElse(null));
        if (hire.equals(contacts.buddy()) || hire.equals(contacts.manager())) {
            return SubmissionResult.rejected(hire.equals(contacts.buddy()) ? "buddy" : "manager",
                    "Pick someone other than the new hire.");
        }
        OnboardingService.Started started = onboarding.startFor(invoker.actor(), hire, profiles.displayName(hire),
                values.text("track").orElseThrow(), contacts);
        OnboardingRun run = started.run();
        Markup.Builder text = Markup.builder();
        if (!started.created()) {
            text.text("ℹ️ ").mention(hire, run.getUserName()).text(" is already on ").bold(run.getTrackTitle())
                    .text(". Change their buddy or manager with ")
                    .code(invoker.platform().command("onboarding") + " buddy @hire @buddy").text(".");
        } else {
            text.text("🚀 Started ").mention(hire, run.getUserName()).text(" on ").bold(run.getTrackTitle())
                    .text(" (" + run.size() + " steps). Their first step is in their direct messages.");
        }
        return SubmissionResult.accepted(Message.of(text.build()));
    }
}
