package io.opsbot.core.feedback;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a new Jira issue or Trello card says about the item: the feedback text, who reported it, the customers, how
 * many asked, and a link back. Jira takes Atlassian Document Format; Trello takes Markdown.
 */
final class TrackerDescriptions {

    private TrackerDescriptions() {
    }

    /** The lines, label and value, shared by both formats. */
    private static List<String[]> lines(FeedbackItem item) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"Reported by", item.getReporterName()});
        if (!item.customers().isEmpty()) {
            lines.add(new String[]{"Customers", String.join(", ", item.customers())});
        }
        int people = item.askers().size();
        lines.add(new String[]{"Votes", people + (people == 1 ? " person asked" : " people asked")});
        return lines;
    }

    /** The line that names the item: also how a retry recognises an issue or card a lost answer created. */
    static String backText(FeedbackItem item) {
        return "From " + item.reference() + " in Product Ops Bot (" + item.getTenant().platform().displayName()
                + ")";
    }

    static JsonNode adf(JsonMapper json, FeedbackItem item) {
        ObjectNode doc = json.createObjectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        paragraph(content, item.getSummary(), null);
        if (item.getDetails() != null) {
            item.getDetails().lines().filter(l -> !l.isBlank()).forEach(l -> paragraph(content, l, null));
        }
        for (String[] line : lines(item)) {
            ObjectNode p = content.addObject().put("type", "paragraph");
            ArrayNode parts = p.putArray("content");
            parts.addObject().put("type", "text").put("text", line[0] + ": ").putArray("marks").addObject()
                    .put("type", "strong");
            parts.addObject().put("type", "text").put("text", line[1]);
        }
        paragraph(content, backText(item), item.getLink());
        return doc;
    }

    private static void paragraph(ArrayNode content, String text, String link) {
        ObjectNode node = content.addObject().put("type", "paragraph").putArray("content").addObject()
                .put("type", "text").put("text", text);
        if (link != null) {
            node.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", link);
        }
    }

    static String markdown(FeedbackItem item) {
        StringBuilder text = new StringBuilder(item.getSummary()).append("\n\n");
        if (item.getDetails() != null) {
            text.append(item.getDetails().strip()).append("\n\n");
        }
        for (String[] line : lines(item)) {
            text.append("**").append(line[0]).append(":** ").append(line[1]).append("\n");
        }
        text.append("\n").append(item.getLink() == null ? backText(item)
                : "[" + backText(item) + "](" + item.getLink() + ")");
        return text.toString();
    }
}
