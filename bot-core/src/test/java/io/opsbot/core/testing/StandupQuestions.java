package io.opsbot.core.testing;

/** The typed standup questions the question-kind tests of the core and both adapters set up and answer. */
public final class StandupQuestions {

    /** One of each kind: yes/no, its conditional follow-up, choice, multiple choice, 1-5, number, an optional one. */
    public static final String EVERY_KIND = """
            Blocked? [yes/no]
            What blocks you? [if Blocked? = yes]
            Area [choice: API, Web, Mobile]
            Areas touched [multi: API, Web, Docs]
            Focus [1-5]
            Hours [number]
            (optional) Notes
            """;

    private StandupQuestions() {
    }
}
