package io.opsbot.core.dialog;

import io.opsbot.core.conversation.Response;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.storage.RequestReads;
import io.opsbot.core.tenant.UserRef;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs question-by-question conversations in direct messages. Starting one is claimed by its key, so a ritual that
 * fires twice (a restart, a second instance) opens it once; its opening message goes through the {@link Outbox}.
 */
@Service
public class DialogService {

    public static final String COLLECTION = "dialogs";

    /** Typed instead of an answer: leave the current dialog. */
    public static final Set<String> CANCEL_WORDS = Set.of("cancel", "stop");
    /** Typed instead of an answer: leave this question empty. */
    public static final Set<String> SKIP_WORDS = Set.of("skip", "pass", "-");
    private static final int ANSWER_ATTEMPTS = 3;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final ObjectProvider<DialogHandler> handlerBeans;
    private volatile Map<String, DialogHandler> handlers;
    private final Clock clock;

    /**
     * Handlers are looked up on first use: a feature's handler usually needs the feature's service, which needs this
     * service, so taking them in the constructor would be a cycle.
     */
    public DialogService(MongoTemplate mongo, Outbox outbox, ObjectProvider<DialogHandler> handlers, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.handlerBeans = handlers;
        this.clock = clock;
    }

    /**
     * Opens a dialog unless one with this key exists. It becomes active at once if the person has none active (its
     * opening message is sent), otherwise it waits. Returns false when the key was already used; an existing dialog
     * whose opening was cut short (a crash between these steps) is finished instead, so starting again is how a
     * ritual resumes.
     */
    public boolean start(String key, UserRef user, String kind, String subject, List<String> questions,
                         Instant expiresAt) {
        handler(kind);
        Dialog dialog;
        try {
            dialog = mongo.insert(new Dialog(key, user, kind, subject, questions, clock.instant(), expiresAt));
        } catch (DuplicateKeyException e) {
            find(key).ifPresent(this::finishOpening);
            return false;
        }
        // Usually the person is free: claim their head for this dialog directly, without looking for others.
        if (claimHead(user, dialog, clock.instant())) {
            activate(dialog);
        }
        changed(user);
        return true;
    }

    /** Completes the steps of opening a dialog that a crash may have interrupted; each step is safe to repeat. */
    private void finishOpening(Dialog dialog) {
        if (dialog.getState() == Dialog.State.ACTIVE) {
            sendOpening(dialog);
        } else if (dialog.getState() == Dialog.State.QUEUED) {
            DialogHead head = mongo.findById(dialog.getUser().key(), DialogHead.class);
            if (head != null && dialog.getKey().equals(head.getActive())) {
                activate(dialog);
            } else {
                activateNext(dialog.getUser());
            }
        }
    }

    private void activate(Dialog dialog) {
        changed(dialog.getUser());
        Dialog activated = mongo.findAndModify(Query.query(Criteria.where("_id").is(dialog.getKey())
                        .and("state").is(Dialog.State.QUEUED)), new Update().set("state", Dialog.State.ACTIVE),
                FindAndModifyOptions.options().returnNew(true), Dialog.class);
        if (activated == null) {
            // Activated already (by a run repeated after a crash): its opening is claimed by its key, sent once.
            activated = find(dialog.getKey()).filter(d -> d.getState() == Dialog.State.ACTIVE).orElse(null);
        }
        if (activated != null) {
            sendOpening(activated);
        }
    }

    private void sendOpening(Dialog dialog) {
        outbox.enqueue(dialog.getKey() + ":opening", new Destination.Direct(dialog.getUser()),
                handler(dialog.getKind()).opening(dialog), dialog.getExpiresAt());
    }

    public Optional<Dialog> find(String key) {
        return Optional.ofNullable(mongo.findById(key, Dialog.class));
    }

    /**
     * The dialog the person is answering now, if any (an expired one no longer counts). Read once per request
     * ({@link RequestReads}): a message is shown to every interceptor, and each asks; a change made here is seen by
     * the request's next read.
     */
    public Optional<Dialog> active(UserRef user) {
        return Optional.ofNullable(RequestReads.get(activeKey(user), Active.class,
                () -> new Active(readActive(user).orElse(null))).dialog());
    }

    /** The request's copy of a person's active dialog (none is a value too: it is not read again). */
    private record Active(Dialog dialog) {
    }

    private static String activeKey(UserRef user) {
        return "dialog-active:" + user.key();
    }

    /** The person's dialogs changed: the request reads the active one again. */
    private static void changed(UserRef user) {
        RequestReads.changed(activeKey(user));
    }

    private Optional<Dialog> readActive(UserRef user) {
        DialogHead head = mongo.findById(user.key(), DialogHead.class);
        if (head == null || head.getActive() == null || !head.getActiveUntil().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return find(head.getActive()).filter(d -> d.getState() == Dialog.State.ACTIVE);
    }

    /**
     * Takes a direct message as the answer to the current question, if the person is in a dialog. Returns the
     * bot's reply: the next question, or the handler's thanks when done.
     */
    public Optional<Response> answer(UserRef user, String text) {
        Optional<Dialog> current = active(user);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Dialog dialog = current.get();
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (CANCEL_WORDS.contains(word)) {
            finish(dialog, Dialog.State.CANCELLED);
            return Optional.of(Response.privately("OK, I stopped asking. You can still answer with the form "
                    + "until it closes."));
        }
        DialogHandler handler = handler(dialog.getKind());
        Dialog updated = null;
        // Two messages typed in quick succession are handled at once: the one that loses the race reads the dialog
        // again and answers the next question, so neither is lost (redelivered events are dropped before this).
        for (int attempt = 0; attempt < ANSWER_ATTEMPTS && dialog != null && updated == null; attempt++) {
            DialogHandler.Reading reading = handler.read(dialog, dialog.position(), text);
            if (reading.again() != null) {
                return Optional.of(Response.privately(reading.again()));
            }
            // Questions that do not apply to these answers are stored empty with it, so the next one asked is next.
            List<String> answers = new ArrayList<>(dialog.getAnswers());
            answers.add(reading.answer());
            while (answers.size() < dialog.getQuestions().size() && !handler.asks(dialog, answers.size(), answers)) {
                answers.add("");
            }
            List<String> added = answers.subList(dialog.position(), answers.size());
            // Only the answer to the position we read is stored, so answers are never shifted.
            updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(dialog.getKey())
                            .and("state").is(Dialog.State.ACTIVE).and("answers").size(dialog.position())),
                    new Update().push("answers").each(added.toArray()), FindAndModifyOptions.options().returnNew(true),
                    Dialog.class);
            changed(user);
            if (updated == null) {
                dialog = find(dialog.getKey()).filter(d -> d.getState() == Dialog.State.ACTIVE && !d.complete())
                        .orElse(null);
            }
        }
        if (updated == null) {
            return Optional.of(Response.privately("Got it."));
        }
        if (!updated.complete()) {
            return Optional.of(Response.privately(handler.question(updated, updated.position())));
        }
        Message thanks = handler.completed(updated);
        finish(updated, Dialog.State.DONE);
        return Optional.of(Response.privately(thanks));
    }

    /** Closes a dialog from elsewhere (answered by form, cutoff passed) and lets the next one start. */
    public void close(String key, Dialog.State state) {
        find(key).filter(d -> d.getState() == Dialog.State.ACTIVE || d.getState() == Dialog.State.QUEUED)
                .ifPresent(d -> finish(d, state));
    }

    /** Closes every open (active or waiting) dialog whose key starts with {@code keyPrefix}, e.g. a key result's. */
    public void closeOpen(String keyPrefix, Dialog.State state) {
        Query open = Query.query(Criteria.where("_id").regex("^" + Pattern.quote(keyPrefix))
                .and("state").in(Dialog.State.ACTIVE, Dialog.State.QUEUED));
        open.fields().include("_id");
        for (Dialog dialog : mongo.find(open, Dialog.class)) {
            close(dialog.getKey(), state);
        }
    }

    private void finish(Dialog dialog, Dialog.State state) {
        changed(dialog.getUser());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(dialog.getKey())), new Update().set("state", state),
                Dialog.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(dialog.getUser().key()).and("active")
                .is(dialog.getKey())), new Update().unset("active").unset("activeUntil"), DialogHead.class);
        activateNext(dialog.getUser());
    }

    /**
     * Makes the oldest waiting dialog active if the person has none active, and sends its opening message once. The
     * person's head document is claimed first (an upsert that only matches a free head), so concurrent starts agree.
     */
    private void activateNext(UserRef user) {
        changed(user);
        Instant now = clock.instant();
        while (true) {
            Query oldestWaiting = Query.query(Criteria.where("user").is(user).and("state").is(Dialog.State.QUEUED)
                    .and("expiresAt").gt(now)).with(Sort.by("createdAt")).limit(1);
            Dialog next = mongo.findOne(oldestWaiting, Dialog.class);
            if (next == null || !claimHead(user, next, now)) {
                return;
            }
            Dialog activated = mongo.findAndModify(Query.query(Criteria.where("_id").is(next.getKey())
                            .and("state").is(Dialog.State.QUEUED)), new Update().set("state", Dialog.State.ACTIVE),
                    FindAndModifyOptions.options().returnNew(true), Dialog.class);
            if (activated != null) {
                sendOpening(activated);
                return;
            }
            // It was closed meanwhile: free the head and look again.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(user.key()).and("active").is(next.getKey())),
                    new Update().unset("active").unset("activeUntil"), DialogHead.class);
        }
    }

    /**
     * Claims the person's head for {@code next} if it is free (no dialog, or one whose time ran out): a compare-and-set
     * on the dialog it names, a look-up by id.
     * Usually it names none (no head yet, or the last dialog finished), so that is tried first without reading it; only
     * when another dialog holds it is the head read, to see whether that one's time ran out.
     */
    private boolean claimHead(UserRef user, Dialog next, Instant now) {
        changed(user);
        if (claimHeadNaming(user, null, next)) {
            return true;
        }
        DialogHead head = mongo.findById(user.key(), DialogHead.class);
        String named = head == null ? null : head.getActive();
        if (next.getKey().equals(named)) {
            return true;
        }
        boolean expired = named != null && head.getActiveUntil() != null && !head.getActiveUntil().isAfter(now);
        return expired && claimHeadNaming(user, named, next);
    }

    /** Sets the head to {@code next} if it names {@code named} now (none: it may not exist yet). */
    private boolean claimHeadNaming(UserRef user, String named, Dialog next) {
        try {
            DialogHead claimed = mongo.findAndModify(Query.query(Criteria.where("_id").is(user.key()).and("active")
                            .is(named)), new Update().set("active", next.getKey()).set("activeUntil", next.getExpiresAt()),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), DialogHead.class);
            return claimed != null && next.getKey().equals(claimed.getActive());
        } catch (DuplicateKeyException busy) {
            // Another dialog holds it: that one goes first, this one waits its turn.
            return false;
        }
    }

    private DialogHandler handler(String kind) {
        if (handlers == null) {
            handlers = handlerBeans.orderedStream().collect(Collectors.toUnmodifiableMap(DialogHandler::kind,
                    Function.identity()));
        }
        DialogHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalArgumentException("no dialog handler for " + kind);
        }
        return handler;
    }
}
