package io.opsbot.core.dialog;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A question-by-question conversation in someone's direct messages (a standup, a check-in). Its key is also its claim:
 * one dialog per (ritual, occurrence, person). A person answers one dialog at a time; others wait their turn, so two
 * rituals due at once never interleave their questions.
 */
@Document(DialogService.COLLECTION)
// Finding a person's oldest waiting dialog.
@CompoundIndex(name = "dialogs_waiting", def = "{'user': 1, 'state': 1, 'createdAt': 1}")
public class Dialog {

    public enum State { QUEUED, ACTIVE, DONE, CANCELLED, EXPIRED }

    @Id
    private String key;
    private UserRef user;
    private String kind;
    private String subject;
    private List<String> questions = new ArrayList<>();
    private List<String> answers = new ArrayList<>();
    private State state;
    private Instant createdAt;
    private Instant expiresAt;

    protected Dialog() {
    }

    Dialog(String key, UserRef user, String kind, String subject, List<String> questions, Instant now,
           Instant expiresAt) {
        this.key = key;
        this.user = user;
        this.kind = kind;
        this.subject = subject;
        this.questions = new ArrayList<>(questions);
        this.state = State.QUEUED;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** The question to answer next (0-based), or the number of questions when all are answered. */
    public int position() {
        return answers.size();
    }

    public boolean complete() {
        return answers.size() >= questions.size();
    }

    public String getKey() {
        return key;
    }

    public UserRef getUser() {
        return user;
    }

    public String getKind() {
        return kind;
    }

    public String getSubject() {
        return subject;
    }

    public List<String> getQuestions() {
        return List.copyOf(questions);
    }

    public List<String> getAnswers() {
        return List.copyOf(answers);
    }

    public State getState() {
        return state;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
