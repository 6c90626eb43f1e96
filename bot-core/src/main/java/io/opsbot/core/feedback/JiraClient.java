package io.opsbot.core.feedback;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Jira Cloud's REST API v3, as the bot uses it: who am I, projects and their issue types, create and read issues. */
@Component
class JiraClient {

    static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9}");
    /** Projects offered when creating an issue (a select shows at most 100 choices). */
    private static final int PROJECTS = 50;
    /** Recent issues looked through for one a lost answer may have created. */
    private static final int RECENT = 50;

    private final TrackerHttp http;

    JiraClient(TrackerHttp http) {
        this.http = http;
    }

    /** A site and the account the bot acts as. */
    record Credentials(String siteUrl, String email, String token) {
        @Override
        public String toString() {
            return "Credentials[" + siteUrl + "]";
        }
    }

    record IssueType(String projectId, String projectKey, String projectName, String typeId, String typeName) {
    }

    /** An issue as the bot needs it: its key, summary, status category key ({@code done}) and where people open it. */
    record Issue(String key, String summary, String statusCategory, String url) {
    }

    /** The account's display name: the test call that proves the credentials work. */
    String myself(Credentials credentials) {
        return http.get(uri(credentials, "/rest/api/3/myself").build().toUri(), auth(credentials))
                .path("displayName").asString("");
    }

    /** The site's projects with the issue types each offers (not sub-tasks, which need a parent). */
    List<IssueType> issueTypes(Credentials credentials) {
        JsonNode page = http.get(uri(credentials, "/rest/api/3/project/search").queryParam("expand", "issueTypes")
                .queryParam("maxResults", PROJECTS).build().toUri(), auth(credentials));
        List<IssueType> types = new ArrayList<>();
        for (JsonNode project : page.path("values")) {
            for (JsonNode type : project.path("issueTypes")) {
                if (!type.path("subtask").asBoolean(false)) {
                    types.add(new IssueType(project.path("id").asString(), project.path("key").asString(),
                            project.path("name").asString(), type.path("id").asString(),
                            type.path("name").asString()));
                }
            }
        }
        return types;
    }

    Issue create(Credentials credentials, String projectId, String issueTypeId, String summary, JsonNode adf) {
        ObjectNode body = http.object();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("id", projectId);
        fields.putObject("issuetype").put("id", issueTypeId);
        fields.put("summary", summary);
        fields.set("description", adf);
        JsonNode created = http.post(uri(credentials, "/rest/api/3/issue").build().toUri(), auth(credentials), body);
        String key = created.path("key").asString();
        return new Issue(key, summary, "new", browse(credentials, key));
    }

    /**
     * An issue this account created in the project within the last week with exactly this summary and a description
     * holding {@code marker}: a create whose answer was lost (a timeout, a 5xx from Atlassian's edge) may have been
     * made. Reporter and project narrow the search in Jira; the exact match is made here, as JQL text search would
     * need every special character of a person's words escaped.
     */
    Optional<Issue> findCreated(Credentials credentials, String projectId, String summary, String marker) {
        JsonNode page = http.get(uri(credentials, "/rest/api/3/search/jql")
                .queryParam("jql", "project = {project} AND reporter = currentUser() AND created >= -7d "
                        + "ORDER BY created DESC")
                .queryParam("fields", "summary,status,description").queryParam("maxResults", RECENT)
                .encode().buildAndExpand(projectId).toUri(), auth(credentials));
        for (JsonNode issue : page.path("issues")) {
            JsonNode fields = issue.path("fields");
            boolean marked = fields.path("description").findValues("text").stream()
                    .anyMatch(text -> text.asString("").contains(marker));
            if (summary.equals(fields.path("summary").asString("")) && marked) {
                String key = issue.path("key").asString();
                return Optional.of(new Issue(key, summary,
                        fields.path("status").path("statusCategory").path("key").asString(""),
                        browse(credentials, key)));
            }
        }
        return Optional.empty();
    }

    Issue issue(Credentials credentials, String key) {
        JsonNode issue = http.get(uri(credentials, "/rest/api/3/issue/{key}").queryParam("fields", "summary,status")
                .buildAndExpand(key).toUri(), auth(credentials));
        JsonNode fields = issue.path("fields");
        return new Issue(issue.path("key").asString(key), fields.path("summary").asString(""),
                fields.path("status").path("statusCategory").path("key").asString(""), browse(credentials, key));
    }

    static String browse(Credentials credentials, String key) {
        return credentials.siteUrl() + "/browse/" + key;
    }

    private static UriComponentsBuilder uri(Credentials credentials, String path) {
        return UriComponentsBuilder.fromUriString(credentials.siteUrl()).path(path);
    }

    private static Consumer<HttpHeaders> auth(Credentials credentials) {
        return headers -> headers.setBasicAuth(credentials.email(), credentials.token());
    }

    /** The issue key in what was typed: {@code PROJ-12}, or a browse URL ending in it. */
    static String keyIn(String typed) {
        String text = typed == null ? "" : typed.strip();
        int slash = text.lastIndexOf('/');
        String last = slash >= 0 ? text.substring(slash + 1) : text;
        int query = last.indexOf('?');
        String key = (query >= 0 ? last.substring(0, query) : last).toUpperCase(java.util.Locale.ROOT);
        return ISSUE_KEY.matcher(key).matches() ? key : null;
    }
}
