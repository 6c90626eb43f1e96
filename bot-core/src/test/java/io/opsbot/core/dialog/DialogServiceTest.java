package io.opsbot.core.dialog;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Message;
import io.opsbot.core.storage.RequestReads;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CoreTest
class DialogServiceTest {

    static final Map<String, List<String>> COMPLETED = new ConcurrentHashMap<>();

    @TestConfiguration
    static class Quiz {
        @Bean
        DialogHandler quiz() {
            return new DialogHandler() {
                public String kind() {
                    return "quiz";
                }

                public Message opening(Dialog dialog) {
                    return Message.text("Quiz " + dialog.getSubject() + " 1/" + dialog.getQuestions().size() + ": "
                            + dialog.getQuestions().get(0));
                }

                public Message question(Dialog dialog, int index) {
                    return Message.text((index + 1) + "/" + dialog.getQuestions().size() + ": "
                            + dialog.getQuestions().get(index));
                }

                public Message completed(Dialog dialog) {
                    COMPLETED.put(dialog.getKey(), dialog.getAnswers());
                    return Message.text("Thanks for " + dialog.getSubject());
                }
            };
        }
    }

    /** Holds each reading until two messages have read the dialog, so both race for the same question. */
    static final CountDownLatch BOTH_READ = new CountDownLatch(2);

    @TestConfiguration
    static class RacingQuiz {
        @Bean
        DialogHandler racing() {
            return new DialogHandler() {
                public String kind() {
                    return "racing";
                }

                public Message opening(Dialog dialog) {
                    return Message.text("Racing 1/" + dialog.getQuestions().size());
                }

                public Message question(Dialog dialog, int index) {
                    return Message.text((index + 1) + "/" + dialog.getQuestions().size());
                }

                public Message completed(Dialog dialog) {
                    COMPLETED.put(dialog.getKey(), dialog.getAnswers());
                    return Message.text("Thanks");
                }

                public Reading read(Dialog dialog, int index, String typed) {
                    BOTH_READ.countDown();
                    try {
                        BOTH_READ.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reading.taken(typed.strip());
                }
            };
        }
    }

    @Autowired
    DialogService dialogs;
    @Autowired
    ConversationEngine engine;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker ana;

    @BeforeEach
    void setUp() {
        tenant = Tenants.slack();
        ana = Tenants.direct(tenant, "U1", "Ana");
    }

    private List<String> sentToAna() {
        return slack.sent().stream().filter(s -> s.destination().equals(new Destination.Direct(ana.user())))
                .map(s -> s.message().summary()).toList();
    }

    private String say(String text) {
        Response response = engine.onMessage(ana, text);
        return ((Block.Section) ((Response.Reply) response).message().blocks().get(0)).text().plainText();
    }

    @Test
    void questionsAreAskedOneByOneInTheDmAndAnswersKeptInOrder() {
        Duration hour = Duration.ofHours(1);
        assertThat(dialogs.start(tenant + ":a", ana.user(), "quiz", "A", List.of("Q1", "Q2", "Q3"),
                clock.instant().plus(hour))).isTrue();
        assertThat(dialogs.start(tenant + ":a", ana.user(), "quiz", "A", List.of("Q1"), clock.instant().plus(hour)))
                .as("the same key opens once").isFalse();

        await().until(() -> sentToAna().contains("Quiz A 1/3: Q1"));
        assertThat(say("first")).isEqualTo("2/3: Q2");
        assertThat(say("skip")).isEqualTo("3/3: Q3");
        assertThat(say("third")).isEqualTo("Thanks for A");

        assertThat(COMPLETED.get(tenant + ":a")).containsExactly("first", "", "third");
        assertThat(dialogs.find(tenant + ":a").orElseThrow().getState()).isEqualTo(Dialog.State.DONE);
        assertThat(((Response.Reply) engine.onMessage(ana, "help")).message().summary()).contains("Here is what");
    }

    @Test
    void twoMessagesHandledAtOnceAnswerTwoQuestions() {
        Invoker bo = Tenants.direct(tenant, "U-RACE", "Bo");
        dialogs.start(tenant + ":race", bo.user(), "racing", "Race", List.of("Q1", "Q2", "Q3"),
                clock.instant().plusSeconds(3600));

        CompletableFuture<Response> one = CompletableFuture.supplyAsync(() -> engine.onMessage(bo, "one"));
        CompletableFuture<Response> two = CompletableFuture.supplyAsync(() -> engine.onMessage(bo, "two"));
        CompletableFuture.allOf(one, two).join();
        engine.onMessage(bo, "three");

        assertThat(COMPLETED.get(tenant + ":race")).hasSize(3).containsOnly("one", "two", "three").last()
                .isEqualTo("three");
    }

    @Test
    void aSecondDialogWaitsUntilTheFirstIsDone() {
        dialogs.start(tenant + ":first", ana.user(), "quiz", "First", List.of("Q"), clock.instant().plusSeconds(3600));
        dialogs.start(tenant + ":second", ana.user(), "quiz", "Second", List.of("R"),
                clock.instant().plusSeconds(3600));

        await().until(() -> sentToAna().contains("Quiz First 1/1: Q"));
        assertThat(dialogs.find(tenant + ":second").orElseThrow().getState()).isEqualTo(Dialog.State.QUEUED);

        assertThat(say("done")).isEqualTo("Thanks for First");
        await().until(() -> sentToAna().contains("Quiz Second 1/1: R"));
        assertThat(say("also done")).isEqualTo("Thanks for Second");
    }

    @Test
    void aDialogWhoseTimeRanOutGivesWayToTheNextAtOnce() {
        Invoker cy = Tenants.direct(tenant, "U-LATE", "Cy");
        dialogs.start(tenant + ":late", cy.user(), "quiz", "Late", List.of("Q"), clock.instant().plusSeconds(60));
        clock.advance(Duration.ofMinutes(2));

        dialogs.start(tenant + ":next", cy.user(), "quiz", "Next", List.of("R"), clock.instant().plusSeconds(600));

        assertThat(dialogs.find(tenant + ":next").orElseThrow().getState()).isEqualTo(Dialog.State.ACTIVE);
        assertThat(RequestReads.within(() -> dialogs.active(cy.user())).orElseThrow().getKey())
                .isEqualTo(tenant + ":next");
    }

    @Test
    void dialogsStartedAtTheSameMomentForOnePersonOpenOneAtATime() {
        Invoker di = Tenants.direct(tenant, "U-MANY", "Di");
        List<CompletableFuture<Boolean>> starts = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> dialogs.start(tenant + ":many-" + i, di.user(),
                        "quiz", "Many " + i, List.of("Q"), clock.instant().plusSeconds(600))))
                .toList();
        starts.forEach(CompletableFuture::join);

        List<Dialog> opened = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> dialogs.find(tenant + ":many-" + i).orElseThrow()).toList();
        assertThat(opened).filteredOn(d -> d.getState() == Dialog.State.ACTIVE).hasSize(1);
        assertThat(opened).filteredOn(d -> d.getState() == Dialog.State.QUEUED).hasSize(7);
    }

    @Test
    void cancelStopsTheDialogAndAnExpiredOneNoLongerTakesAnswers() {
        dialogs.start(tenant + ":c", ana.user(), "quiz", "C", List.of("Q1", "Q2"), clock.instant().plusSeconds(60));
        assertThat(say("cancel")).startsWith("OK, I stopped asking");
        assertThat(dialogs.find(tenant + ":c").orElseThrow().getState()).isEqualTo(Dialog.State.CANCELLED);

        dialogs.start(tenant + ":d", ana.user(), "quiz", "D", List.of("Q1", "Q2"), clock.instant().plusSeconds(60));
        clock.advance(Duration.ofMinutes(2));
        assertThat(say("feedback late thought")).startsWith("✅ Saved as FB-");
    }

    @Test
    void aRequestReadsThePersonsDialogOnceSeesItsOwnAnswersAndTheNextRequestReadsAgain() {
        dialogs.start(tenant + ":once", ana.user(), "quiz", "Once", List.of("Q1", "Q2", "Q3"),
                clock.instant().plusSeconds(600));

        List<Optional<Dialog>> seen = RequestReads.within(() -> {
            Optional<Dialog> first = dialogs.active(ana.user());
            // As another instance would: the dialog closed straight in the database.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(tenant + ":once")),
                    new Update().set("state", Dialog.State.CANCELLED), Dialog.class);
            return List.of(first, dialogs.active(ana.user()));
        });
        assertThat(seen.get(0)).isPresent();
        assertThat(seen.get(1)).as("read once: as at the request's first read").isPresent();
        assertThat(RequestReads.within(() -> dialogs.active(ana.user()))).as("the next request reads again")
                .isEmpty();

        Invoker bo = Tenants.direct(tenant, "U-OWN", "Bo");
        dialogs.start(tenant + ":own", bo.user(), "quiz", "Own", List.of("Q1", "Q2", "Q3"),
                clock.instant().plusSeconds(600));
        List<String> answers = RequestReads.within(() -> {
            dialogs.active(bo.user());
            dialogs.answer(bo.user(), "first");
            return dialogs.active(bo.user()).orElseThrow().getAnswers();
        });
        assertThat(answers).as("a request sees its own answer").containsExactly("first");
    }

    @Test
    void channelMessagesNeverAnswerADialog() {
        dialogs.start(tenant + ":e", ana.user(), "quiz", "E", List.of("Q1"), clock.instant().plusSeconds(600));
        Invoker inChannel = Tenants.inChannel(tenant, "U1", "Ana", "C1");

        Response response = engine.onMessage(inChannel, "feedback from the channel");

        assertThat(((Response.Reply) response).message().summary()).startsWith("✅ Saved as FB-");
        assertThat(dialogs.find(tenant + ":e").orElseThrow().getAnswers()).isEmpty();
    }
}
