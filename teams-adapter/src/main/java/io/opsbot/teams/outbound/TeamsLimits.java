package io.opsbot.teams.outbound;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * How fast the bot sends on Teams ({@code opsbot.teams.limits}), below Teams' published bot limits: per conversation 7
 * a second and 60 in 30 seconds (a burst of 7, then 2 a second), and 30 requests a second per app per tenant. Raise
 * them only against a fake connector.
 */
@Component
@Validated
@ConfigurationProperties("opsbot.teams.limits")
public class TeamsLimits {

    @Positive
    private double conversationPerSecond = 2;
    @Min(1)
    private int conversationBurst = 7;
    @Positive
    private double tenantPerSecond = 30;
    @Min(1)
    private int tenantBurst = 30;

    public double getConversationPerSecond() {
        return conversationPerSecond;
    }

    public void setConversationPerSecond(double conversationPerSecond) {
        this.conversationPerSecond = conversationPerSecond;
    }

    public int getConversationBurst() {
        return conversationBurst;
    }

    public void setConversationBurst(int conversationBurst) {
        this.conversationBurst = conversationBurst;
    }

    public double getTenantPerSecond() {
        return tenantPerSecond;
    }

    public void setTenantPerSecond(double tenantPerSecond) {
        this.tenantPerSecond = tenantPerSecond;
    }

    public int getTenantBurst() {
        return tenantBurst;
    }

    public void setTenantBurst(int tenantBurst) {
        this.tenantBurst = tenantBurst;
    }
}
