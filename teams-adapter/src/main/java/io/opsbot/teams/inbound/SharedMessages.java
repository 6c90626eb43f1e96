package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.conversation.SharedMessage;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.util.Set;

/**
 * The message a Teams message action was chosen on ({@code value.messagePayload}) as the core's {@link SharedMessage}:
 * its text (Teams sends HTML: tags dropped, entities decoded, paragraphs and line breaks kept, a mention as the name
 * mentioned), its author (a person by Entra object id, as the core knows people; a bot or webhook by name only) and the
 * link to it.
 */
final class SharedMessages {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "ul", "ol", "table");

    private SharedMessages() {
    }

    static SharedMessage from(JsonNode payload, TenantRef tenant, Destination.Channel conversation) {
        JsonNode body = payload.path("body");
        String content = body.path("content").asText("");
        String text = "html".equalsIgnoreCase(body.path("contentType").asText("html")) ? plainText(content) : content;
        JsonNode user = payload.path("from").path("user");
        JsonNode application = payload.path("from").path("application");
        UserRef author = null;
        String authorName = null;
        if (user.isObject() && user.hasNonNull("id")) {
            author = new UserRef(tenant, user.path("id").asText());
            authorName = user.path("displayName").asText(null);
        } else if (application.isObject()) {
            authorName = application.path("displayName").asText(null);
        }
        String link = payload.path("linkToMessage").asText(null);
        // A reply goes under the thread's first message: the one replied to, or the message itself.
        String root = payload.path("replyToId").asText(payload.path("id").asText(null));
        Destination.Channel thread = conversation == null || root == null || root.isBlank() ? null
                : new Destination.Channel(tenant, conversation.channelId(), root);
        return new SharedMessage(text, author, authorName, link == null || link.isBlank() ? null : link, thread);
    }

    /** Teams' message HTML as the plain text a person reads. */
    static String plainText(String html) {
        StringBuilder out = new StringBuilder();
        Jsoup.parseBodyFragment(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element element && element.normalName().equals("br")) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())
                        && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            }
        });
        return out.toString().replace('\u00a0', ' ').replaceAll("[ \\t]*\\n[ \\t]*", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }
}
