package io.opsbot.core.delivery;

import io.opsbot.core.gateway.ChatFile;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One outbound message, stored before it is sent. Its id is the claim: (ritual, occurrence, recipient) or (item,
 * event), so however often a scheduler fires or an instance retries, one key is sent at most once. A delivery can wait
 * for another one ({@code threadOf}) and go out as a reply in its thread, and can be edited after it was sent
 * ({@code updatePending}). A delivery may carry a file instead ({@code file}), handed over with the message as its
 * comment.
 */
@Document(Delivery.COLLECTION)
@CompoundIndex(name = "deliveries_due", def = "{'state': 1, 'nextAttemptAt': 1}")
// A reaction names the message it is on: finding the delivery that posted it (Outbox.findByPost).
@CompoundIndex(name = "deliveries_posted", def = "{'posted.messageId': 1, 'posted.conversationId': 1}")
public class Delivery {

    public static final String COLLECTION = "deliveries";

    public enum State {
        /** Not sent yet; tried at {@code nextAttemptAt}. */
        PENDING,
        /** Sent; {@code posted} says where. */
        SENT,
        /** Given up: rejected, unreachable, out of attempts. {@code lastError} says why. */
        FAILED,
        /** Not sent before {@code expiresAt}: a prompt nobody can answer any more is not sent late. */
        EXPIRED
    }

    @Id
    private String key;
    private Destination destination;
    private Message message;
    private String threadOf;
    private State state;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant leaseUntil;
    /** The instance attempting it while leased. */
    private String leasedBy;
    /** The attempt holding the lease. */
    private String leaseToken;
    /** Moved by every lease taken and every lease given back: a lease is taken only on the version judged free. */
    private long leaseVersion;
    /** An earlier attempt may have reached the platform (cut short, or timed out): look before sending again. */
    private boolean inDoubt;
    private String lastError;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant sentAt;
    private PostedMessage posted;
    private boolean updatePending;
    /** Some delivery waits to go out in this one's thread. */
    private boolean hasReplies;
    /** Bumped by every edit, so an edit that lands during a send or an update is never lost. */
    private int revision;
    /** A file handed to a person ({@link Outbox#enqueueFile}); the message is then its comment. */
    private ChatFile file;
    /** Once finished, removed by housekeeping after this (null: kept as long as every delivery). */
    private Instant keepUntil;

    protected Delivery() {
    }

    Delivery(String key, Destination destination, Message message, String threadOf, Instant now, Instant expiresAt) {
        this.key = key;
        this.destination = destination;
        this.message = message;
        this.threadOf = threadOf;
        this.state = State.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /**
     * Stored already leased to an instance for its first attempt: the insert that stores it takes the lease too, so
     * the attempt right after needs no write of its own before it sends (see {@link Outbox}).
     */
    Delivery leasedTo(String instance, String token, Instant until) {
        this.leasedBy = instance;
        this.leaseToken = token;
        this.leaseUntil = until;
        this.attempts = 1;
        this.leaseVersion = 1;
        return this;
    }

    Delivery keptUntil(Instant until) {
        this.keepUntil = until;
        return this;
    }

    public Instant getKeepUntil() {
        return keepUntil;
    }

    Delivery withFile(ChatFile attached) {
        this.file = attached;
        return this;
    }

    public ChatFile getFile() {
        return file;
    }

    public String getKey() {
        return key;
    }

    public Destination getDestination() {
        return destination;
    }

    public Message getMessage() {
        return message;
    }

    public String getThreadOf() {
        return threadOf;
    }

    public State getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public long getLeaseVersion() {
        return leaseVersion;
    }

    public String getLeaseToken() {
        return leaseToken;
    }

    public boolean isInDoubt() {
        return inDoubt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public PostedMessage getPosted() {
        return posted;
    }

    public boolean isUpdatePending() {
        return updatePending;
    }

    public boolean isHasReplies() {
        return hasReplies;
    }

    public int getRevision() {
        return revision;
    }
}
