package io.opsbot.core.dialog;

import io.opsbot.core.message.Message;

/** What a kind of dialog says and does; the {@link DialogService} keeps track of where each person is. */
public interface DialogHandler {

    String kind();

    /** The first message: what this is about, how to answer, and the first question. */
    Message opening(Dialog dialog);

    /** Asks question {@code index} (after the first). */
    Message question(Dialog dialog, int index);

    /** All questions answered: store the answers and say thanks. */
    Message completed(Dialog dialog);
}
