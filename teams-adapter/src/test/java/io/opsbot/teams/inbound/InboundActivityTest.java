package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InboundActivityTest {

    private static InboundActivity read(TeamsFixtures.Activity fixture) {
        return InboundActivity.parse(fixture.json());
    }

    @Test
    void aChannelMentionBecomesAnInvokerInThatThread() {
        InboundActivity activity = read(TeamsFixtures.load("message.channel.mention.json")
                .text("<at>ridotest</at> feedback Export times out #reporting"));

        assertThat(activity.textWithoutBotMention()).isEqualTo("feedback Export times out #reporting");
        Invoker invoker = activity.invoker();
        assertThat(invoker.tenant().tenantId()).isEqualTo("50612dbb-0237-4969-b378-8d42590f9c00");
        assertThat(invoker.conversation().channelId()).isEqualTo("19:6848757105754c8981c67612732d9aa7@thread.tacv2");
        assertThat(invoker.conversation().threadId()).isEqualTo("1759881511856");
        assertThat(invoker.direct()).isFalse();
        assertThat(invoker.displayName()).isEqualTo("rido");
        assertThat(invoker.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(activity.teamId()).isEqualTo("19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2");
    }

    @Test
    void aBotNameFullOfRegexCharactersIsStillStripped() {
        TeamsFixtures.Activity fixture = TeamsFixtures.load("message.channel.mention.json")
                .text("<at>Ops (beta) [bot]</at> help");
        ObjectNode mention = (ObjectNode) fixture.json().path("entities").get(0);
        mention.put("text", "<at>Ops (beta) [bot]</at>");

        assertThat(read(fixture).textWithoutBotMention()).isEqualTo("help");
    }

    @Test
    void otherPeoplesMentionsStayAsTheirNames() {
        InboundActivity activity = read(TeamsFixtures.load("message.channel.mention.json")
                .text("<at>ridotest</at> feedback <at>Ana Lopez</at> says exports fail"));

        assertThat(activity.textWithoutBotMention()).isEqualTo("feedback Ana Lopez says exports fail");
    }

    @Test
    void secondPrecisionTimestampsDoNotBreakReading() {
        InboundActivity activity = read(TeamsFixtures.load("message.personal.json")
                .set("timestamp", "2017-02-01T21:10:07Z").set("localTimestamp", "2017-02-01T14:10:07-07:00"));

        assertThat(activity).isNotNull();
        assertThat(activity.personal()).isTrue();
        assertThat(activity.invoker().direct()).isTrue();
    }

    @Test
    void theTenantComesFromChannelDataThenTheConversationAndNowhereElse() {
        TeamsFixtures.Activity fixture = TeamsFixtures.load("invoke.adaptiveCard_action.personal.json");
        ((ObjectNode) fixture.json().path("channelData")).remove("tenant");
        assertThat(read(fixture).tenant().tenantId()).isEqualTo("56653e9d-2158-46ee-90d7-675c39642038");

        ((ObjectNode) fixture.json().path("conversation")).remove("tenantId");
        assertThat(read(fixture).hasTenant()).isFalse();
    }

    @Test
    void olderPayloadsWithoutAConversationTypeAreInferred() {
        assertThat(read(TeamsFixtures.load("message.value.messageBack.json")).conversationType())
                .isEqualTo("channel");
        TeamsFixtures.Activity invalidZone = TeamsFixtures.load("message.personal.json");
        ((ObjectNode) invalidZone.json().path("entities").get(0)).put("timezone", "Mars/Olympus_Mons");
        assertThat(read(invalidZone).zone()).isNull();
    }

    @Test
    void somethingThatIsNotAnActivityIsNotRead() {
        ObjectNode noType = TeamsFixtures.load("message.personal.json").json();
        noType.remove("type");
        assertThat(InboundActivity.parse(noType)).isNull();
        assertThat(InboundActivity.parse(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(List.of(1))))
                .isNull();
    }

    @Test
    void oddFieldsAreReadLeniently() {
        InboundActivity odd = InboundActivity.parse(new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(Map.of("type", "message", "entities", 5, "text", "hi")));
        assertThat(odd).isNotNull();
        assertThat(odd.mentionedPeople()).isEmpty();
        assertThat(odd.zone()).isNull();
        assertThat(odd.hasTenant()).as("no tenant: the controller refuses it").isFalse();
    }
}
