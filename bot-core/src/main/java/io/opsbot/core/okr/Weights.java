package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;

/**
 * How much a key result or a child objective counts in its objective's progress: a whole number, relative to its
 * siblings (1 and 1 share equally; 3 and 1 make the first count three quarters).
 */
final class Weights {

    static final int MAX = 100;

    private Weights() {
    }

    static void check(int weight) {
        if (weight < 1 || weight > MAX) {
            throw new UserError("A weight is a whole number from 1 to " + MAX + " (relative to the others: 2 counts "
                    + "twice as much as 1).");
        }
    }
}
