package io.opsbot.slack.inbound;

import com.slack.api.bolt.context.Context;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import io.opsbot.core.form.Form;
import io.opsbot.slack.render.ModalRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Opens core forms as modals. Must run before the ack: a trigger_id expires 3 seconds after the click. */
@Component
class FormOpener {

    private static final Logger log = LoggerFactory.getLogger(FormOpener.class);

    /** Returns null on success, or a message for the user when Slack refused to open the modal. */
    String open(Context ctx, String triggerId, Form form, String channelId, String responseUrl) {
        String metadata = new ModalMetadata(form.state(), channelId, responseUrl).encode();
        try {
            ViewsOpenResponse response = ctx.client().viewsOpen(r -> r.triggerId(triggerId)
                    .view(ModalRenderer.modal(form, metadata)));
            if (response.isOk()) {
                return null;
            }
            log.warn("views.open for {} failed: {} {}", form.formId(), response.getError(),
                    response.getResponseMetadata() == null ? "" : response.getResponseMetadata().getMessages());
        } catch (Exception e) {
            log.warn("views.open for {} failed: {}", form.formId(), e.toString());
        }
        return "I couldn't open the form just now. Please try again.";
    }
}
