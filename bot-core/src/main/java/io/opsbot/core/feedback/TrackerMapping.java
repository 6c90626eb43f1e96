package io.opsbot.core.feedback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which tracker state moves a linked item to which feedback status. Jira: by status category (To Do, In Progress,
 * Done: every Jira workflow status belongs to one, so custom workflows map too). Trello: by list name.
 */
final class TrackerMapping {

    /** Jira's three status categories, by the key webhooks carry and the name people see. */
    static final Map<String, String> JIRA_CATEGORIES = Map.of("new", "to do", "indeterminate", "in progress",
            "done", "done");
    static final List<String> JIRA_NAMES = List.of("to do", "in progress", "done");

    private TrackerMapping() {
    }

    /** One line of a mapping: a state's normalized name and the status it means. */
    record Entry(String name, FeedbackStatus status) {
    }

    static Map<String, FeedbackStatus> defaults(TrackerKind kind) {
        Map<String, FeedbackStatus> mapping = new LinkedHashMap<>();
        if (kind == TrackerKind.JIRA) {
            mapping.put("to do", FeedbackStatus.PLANNED);
            mapping.put("in progress", FeedbackStatus.IN_PROGRESS);
            mapping.put("done", FeedbackStatus.SHIPPED);
        } else {
            mapping.put("doing", FeedbackStatus.IN_PROGRESS);
            mapping.put("in progress", FeedbackStatus.IN_PROGRESS);
            mapping.put("done", FeedbackStatus.SHIPPED);
            mapping.put("shipped", FeedbackStatus.SHIPPED);
            mapping.put("won't do", FeedbackStatus.DECLINED);
        }
        return mapping;
    }

    /** The key a state is stored under: its name, lower case, single spaces. */
    static String normalize(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Jira names a category by key ({@code indeterminate}) in webhooks; people by name ("In Progress"). */
    static String jiraCategory(String keyOrName) {
        String normalized = normalize(keyOrName);
        return JIRA_CATEGORIES.getOrDefault(normalized, normalized);
    }
}
