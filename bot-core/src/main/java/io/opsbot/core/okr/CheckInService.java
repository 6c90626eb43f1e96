package io.opsbot.core.okr;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogService;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.people.NudgePreferences;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.UserRef;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records check-ins. Everything is checked before anything is written, so a bad value changes nothing. Each check-in
 * is kept; the key result takes its value and confidence; a drop in confidence (or turning off track) is posted to
 * the tenant's OKR channel through the {@link Outbox}, once per check-in.
 */
@Service
public class CheckInService {

    static final int COMMENT_LIMIT = 1000;

    private final CheckInRepository checkIns;
    private final MongoTemplate mongo;
    private final KeyResultService keyResults;
    private final ObjectiveService objectives;
    private final OkrSettingsService settings;
    private final AccessPolicy access;
    private final ProfileService profiles;
    /** Lazily: the dialog service knows the check-in dialog, which records through this service. */
    private final ObjectProvider<DialogService> dialogs;
    private final Outbox outbox;
    private final AuditLog audit;
    private final NudgePreferences preferences;
    private final IdentityLinks identities;
    private final Clock clock;

    public CheckInService(CheckInRepository checkIns, MongoTemplate mongo, KeyResultService keyResults,
                          ObjectiveService objectives, OkrSettingsService settings, AccessPolicy access,
                          ProfileService profiles, ObjectProvider<DialogService> dialogs, Outbox outbox,
                          AuditLog audit, NudgePreferences preferences, IdentityLinks identities,
                          Clock clock) {
        this.preferences = preferences;
        this.identities = identities;
        this.audit = audit;
        this.checkIns = checkIns;
        this.mongo = mongo;
        this.keyResults = keyResults;
        this.objectives = objectives;
        this.settings = settings;
        this.access = access;
        this.profiles = profiles;
        this.dialogs = dialogs;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * What a check-in is about to change, or the reason it cannot: only those who may change the key result may
     * ({@link KeyResultService#stewards}: its owner, its objective's owner and managers, admins).
     */
    public KeyResult checkable(UserRef actor, String keyResultId) {
        return allowed(actor, keyResultId).keyResult();
    }

    private Acting allowed(UserRef user, String keyResultId) {
        Acting acting = actingAs(user, keyResultId)
                .orElseThrow(() -> new UserError("That key result no longer exists."));
        access.requireChange(acting.as(), keyResults.stewards(acting.keyResult()), "check in on it");
        return acting;
    }

    /**
     * The key result as this person sees it: one of their tenant's, or, through their linked identity, one of the
     * linked tenant's (an owner asked on the other platform answers there). Nothing of another tenant otherwise.
     */
    public Optional<KeyResult> visibleTo(UserRef user, String keyResultId) {
        return actingAs(user, keyResultId).map(Acting::keyResult);
    }

    /** A person acting on a key result: the key result and who they are in its tenant. */
    private record Acting(KeyResult keyResult, UserRef as) {
    }

    private Optional<Acting> actingAs(UserRef user, String keyResultId) {
        Optional<Acting> own = keyResults.keyResult(user.tenant(), keyResultId).map(kr -> new Acting(kr, user));
        if (own.isPresent()) {
            return own;
        }
        return identities.partner(user).flatMap(partner -> keyResults.keyResult(partner.tenant(), keyResultId)
                .map(kr -> new Acting(kr, partner)));
    }

    /**
     * Records a check-in. {@code valueText} blank keeps the current value; {@code confidence} null keeps the last
     * one (on track for a first check-in). Throws {@link UserError} (an {@link InputError} naming the field for
     * bad values) and changes nothing when the input is not acceptable.
     */
    public CheckIn record(UserRef invoker, String actorName, String keyResultId, String valueText,
                          Confidence confidence, String comment, CheckIn.Source source) {
        Acting acting = allowed(invoker, keyResultId);
        KeyResult kr = acting.keyResult();
        // Recorded for the identity in the key result's tenant, whichever platform the answer came from.
        UserRef actor = acting.as();
        BigDecimal value;
        try {
            value = valueText == null || valueText.isBlank() ? kr.getCurrent() : MetricValues.parse(kr, valueText);
        } catch (InputError e) {
            throw e;
        } catch (UserError e) {
            throw new InputError("value", e.getMessage());
        }
        Confidence now = confidence != null ? confidence
                : kr.getConfidence() != null ? kr.getConfidence() : Confidence.ON_TRACK;
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > COMMENT_LIMIT) {
            throw new InputError("comment", "Keep the comment under " + COMMENT_LIMIT + " characters.");
        }
        Instant at = clock.instant();
        String name = actorName == null || actorName.isBlank() ? profiles.displayName(actor) : actorName;
        CheckIn checkIn = checkIns.insert(new CheckIn(kr, actor, name, value, now, note, source, at));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(kr.getId())),
                new Update().set("current", value).set("confidence", now).set("lastCheckInAt", at)
                        .set("updatedAt", at), KeyResult.class);
        if (actor.equals(kr.getOwner())) {
            // Checking in is answering: the count of ignored prompts starts afresh.
            preferences.answered(actor, OkrNudges.RITUAL);
        } else {
            // A manager or admin checking in for the owner changes someone else's key result.
            audit.record(Actor.inChat(actor, name), "okr.checkin-for", kr.reference().toString(),
                    MetricValues.format(kr, kr.getCurrent()) + " " + previous(kr).label(),
                    MetricValues.format(kr, value) + " " + now.label());
        }
        if (source != CheckIn.Source.DIRECT_MESSAGE) {
            closeOpenDialogs(kr);
        }
        alertIfWorse(kr, checkIn);
        return checkIn;
    }

    /** Newest first. */
    public List<CheckIn> history(KeyResult kr, int limit) {
        return checkIns.findByKeyResultIdOrderByAtDescIdDesc(kr.getId(), Limit.of(limit));
    }

    /**
     * Every check-in of these key results in one read, each key result's newest first (as {@link #history}): what a
     * report of many key results takes its trends and last weeks from.
     */
    public Map<String, List<CheckIn>> histories(Collection<String> keyResultIds) {
        Map<String, List<CheckIn>> byKeyResult = new HashMap<>();
        if (!keyResultIds.isEmpty()) {
            mongo.find(Query.query(Criteria.where("keyResultId").in(keyResultIds))
                            .with(Sort.by(Sort.Direction.DESC, "at", "id")), CheckIn.class)
                    .forEach(c -> byKeyResult.computeIfAbsent(c.getKeyResultId(), k -> new ArrayList<>()).add(c));
        }
        return byKeyResult;
    }

    /** The confidences of the last {@code count} check-ins, oldest first. */
    public List<Confidence> trend(KeyResult kr, int count) {
        return trend(history(kr, count), count);
    }

    /** {@link #trend(KeyResult, int)} from a key result's check-ins, newest first. */
    static List<Confidence> trend(List<CheckIn> newestFirst, int count) {
        List<Confidence> oldestFirst = new ArrayList<>(newestFirst.stream().limit(count).map(CheckIn::getConfidence)
                .toList());
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The last check-in before an instant, if any. */
    public Optional<CheckIn> lastBefore(KeyResult kr, Instant before) {
        return checkIns.findFirstByKeyResultIdAndAtBeforeOrderByAtDescIdDesc(kr.getId(), before);
    }

    /** {@link #lastBefore(KeyResult, Instant)} from a key result's check-ins, newest first. */
    static Optional<CheckIn> lastBefore(List<CheckIn> newestFirst, Instant before) {
        return newestFirst.stream().filter(c -> c.getAt().isBefore(before)).findFirst();
    }

    public long count(KeyResult kr) {
        return checkIns.countByKeyResultId(kr.getId());
    }

    /** A check-in made with the form or a command ends the questions about that key result in the DM. */
    private void closeOpenDialogs(KeyResult kr) {
        dialogs.getObject().closeOpen(CheckInDialog.keyPrefix(kr), Dialog.State.DONE);
    }

    /**
     * Whether a check-in is posted to the OKR channel: the confidence dropped (a first check-in is compared with on
     * track, so a new key result reported off track is news too) and the tenant has an OKR channel.
     */
    public boolean alerted(KeyResult before, CheckIn checkIn) {
        return checkIn.getConfidence().worseThan(previous(before)) && settings.channel(before.getTenant()).isPresent();
    }

    private static Confidence previous(KeyResult kr) {
        return kr.getConfidence() != null ? kr.getConfidence() : Confidence.ON_TRACK;
    }

    private void alertIfWorse(KeyResult kr, CheckIn checkIn) {
        Confidence before = previous(kr);
        Optional<Destination.Channel> channel = settings.channel(kr.getTenant());
        if (!checkIn.getConfidence().worseThan(before) || channel.isEmpty()) {
            return;
        }
        Objective objective = objectives.objective(kr.getTenant(), kr.getObjectiveId()).orElse(null);
        outbox.enqueue("okr-alert:" + checkIn.getId(), channel.get(),
                OkrCards.alert(kr, objective, checkIn, before), null);
    }
}
