package io.opsbot.core.dialog;

import io.opsbot.core.message.Message;

import java.util.List;
import java.util.Locale;

/** What a kind of dialog says and does; the {@link DialogService} keeps track of where each person is. */
public interface DialogHandler {

    String kind();

    /** The first message: what this is about, how to answer, and the first question. */
    Message opening(Dialog dialog);

    /** Asks question {@code index} (after the first). */
    Message question(Dialog dialog, int index);

    /** All questions answered: store the answers and say thanks. */
    Message completed(Dialog dialog);

    /**
     * Reads a typed answer to question {@code index}: what to store, or why it was not taken (the question is then
     * asked again). By default any text is taken and a skip word leaves the question empty.
     */
    default Reading read(Dialog dialog, int index, String typed) {
        String word = typed.strip().toLowerCase(Locale.ROOT);
        return Reading.taken(DialogService.SKIP_WORDS.contains(word) ? "" : typed.strip());
    }

    /** Whether question {@code index} is asked, given the answers before it; one that is not is stored empty. */
    default boolean asks(Dialog dialog, int index, List<String> answers) {
        return true;
    }

    /** A typed answer as it is stored, or the message that asks for it again. */
    record Reading(String answer, Message again) {
        public static Reading taken(String answer) {
            return new Reading(answer, null);
        }

        public static Reading askAgain(Message message) {
            return new Reading(null, message);
        }
    }
}
