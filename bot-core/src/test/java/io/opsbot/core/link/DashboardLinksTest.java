package io.opsbot.core.link;

import io.opsbot.core.message.Block;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.testing.MessageLinks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** "Open in dashboard": only with a valid dashboard address configured, built on it, appended after everything else. */
class DashboardLinksTest {

    private static final Message CARD = Message.builder("FB-3: Export").section(Markup.plain("Export")).build();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(DashboardLinks.class);

    @Test
    void noAddressNoLinks() {
        context.run(app -> {
            DashboardLinks links = app.getBean(DashboardLinks.class);
            assertThat(links.enabled()).isFalse();
            assertThat(links.url("/feedback/FB-3")).isEmpty();
            assertThat(links.append(CARD, "/feedback/FB-3")).isSameAs(CARD);
        });
        assertThat(DashboardLinks.none().append(CARD, "/okrs")).isSameAs(CARD);
    }

    @Test
    void linksArePagesUnderTheAddress() {
        context.withPropertyValues("opsbot.links.dashboard-url= https://ops.example.com/dashboard// ").run(app -> {
            DashboardLinks links = app.getBean(DashboardLinks.class);
            assertThat(links.url("/okrs")).hasValue("https://ops.example.com/dashboard/okrs");
            assertThat(links.url("feedback/FB-3")).hasValue("https://ops.example.com/dashboard/feedback/FB-3");
            Message linked = links.append(CARD, "/feedback/FB-3");
            assertThat(linked.summary()).isEqualTo(CARD.summary());
            assertThat(linked.blocks()).startsWith(CARD.blocks().toArray(new Block[0]))
                    .hasSize(CARD.blocks().size() + 1);
            assertThat(MessageLinks.of(linked))
                    .containsExactly("📊 Open in dashboard → https://ops.example.com/dashboard/feedback/FB-3");
        });
    }

    @Test
    void anAddressThatIsNotOneStopsTheStart() {
        for (String bad : new String[] {"opsbot.example.com/dashboard", "javascript:alert(1)",
                "https://ops.example.com/dashboard?x=1", "ftp://ops.example.com", "https://ops example.com"}) {
            context.withPropertyValues("opsbot.links.dashboard-url=" + bad).run(app -> {
                assertThat(app).as(bad).hasFailed();
                StringWriter out = new StringWriter();
                app.getStartupFailure().printStackTrace(new PrintWriter(out));
                assertThat(out.toString()).as(bad).contains("opsbot.links")
                        .contains("must be an absolute http(s) address");
            });
        }
    }
}
