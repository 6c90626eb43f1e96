package io.opsbot.core.standup;

import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.BlockerSource;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Standups as the source of blockers: besides its author, a manager of the standup (or an admin) may resolve one, and
 * a resolved blocker leaves the summaries of the standup's open days.
 */
@Component
public class StandupBlockers implements BlockerSource {

    private final StandupService service;
    private final StandupChanges changes;
    private final Blockers blockers;
    private final IdentityLinks links;

    public StandupBlockers(StandupService service, StandupChanges changes, Blockers blockers, IdentityLinks links) {
        this.service = service;
        this.changes = changes;
        this.blockers = blockers;
        this.links = links;
    }

    @Override
    public String ritual() {
        return StandupService.RITUAL;
    }

    @Override
    public void requireMayResolveFor(UserRef user, Blocker blocker) {
        Standup standup = service.find(blocker.getSourceId()).orElseThrow(() -> new UserError("Only "
                + blocker.getAuthorName() + " can mark " + blocker.reference() + " resolved."));
        changes.require(user, standup, "resolve someone else's blocker");
    }

    @Override
    public void resolved(Blocker blocker) {
        service.find(blocker.getSourceId()).ifPresent(standup -> service.openRuns(standup.getId())
                .forEach(run -> service.refreshSummary(run, standup.getQuestions())));
    }

    /** {@code standup resolve BL-4}: in the person's tenant, or their linked identity's. */
    Blocker resolve(UserRef user, Reference reference) {
        Optional<Blocker> found = blockers.find(user.tenant(), reference);
        if (found.isEmpty()) {
            found = links.partner(user).flatMap(partner -> blockers.find(partner.tenant(), reference));
        }
        return blockers.resolve(user, found.map(Blocker::getId).orElseThrow(() -> new UserError("There is no "
                + reference + " here.")));
    }
}
