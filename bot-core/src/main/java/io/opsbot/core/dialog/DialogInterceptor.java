package io.opsbot.core.dialog;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.MessageInterceptor;
import io.opsbot.core.conversation.Response;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Direct messages answer the dialog a person is in, before they are read as commands. */
@Component
public class DialogInterceptor implements MessageInterceptor {

    private final DialogService dialogs;

    public DialogInterceptor(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public Optional<Response> intercept(Invoker invoker, String text) {
        if (!invoker.direct() || text.isBlank()) {
            return Optional.empty();
        }
        return dialogs.answer(invoker.user(), text);
    }
}
