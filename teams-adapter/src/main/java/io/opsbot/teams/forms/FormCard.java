package io.opsbot.teams.forms;

import io.opsbot.core.form.Form;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A form card the bot has shown, under the nonce its submit button carries. It keeps the form itself, because a
 * Teams submission brings back only the values: to show the card again with what was typed and the errors, we need
 * the inputs. {@code claimedAt} is set while a submission is processed and stays set once one is accepted.
 */
@Document(FormCard.COLLECTION)
public class FormCard {

    public static final String COLLECTION = "teams_form_cards";

    @Id
    private String nonce;
    private TenantRef tenant;
    private Form form;
    private Instant createdAt;
    private Instant claimedAt;
    private Instant acceptedAt;

    protected FormCard() {
    }

    FormCard(String nonce, TenantRef tenant, Form form, Instant createdAt) {
        this.nonce = nonce;
        this.tenant = tenant;
        this.form = form;
        this.createdAt = createdAt;
    }

    public String getNonce() {
        return nonce;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public Form getForm() {
        return form;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getClaimedAt() {
        return claimedAt;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }
}
