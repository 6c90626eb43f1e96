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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Trello's REST API, as the bot uses it: who am I, boards and lists, cards, and a webhook per board. */
@Component
class TrelloClient {

    /** A card's id (24 hex digits) or short link (8 letters and digits), alone or in a card URL. */
    private static final Pattern CARD = Pattern.compile(
            "(?:trello\\.com/c/)?([0-9a-fA-F]{24}|[A-Za-z0-9]{8})(?:[/?#].*)?");
    /** Boards whose lists are offered when creating a card. */
    private static final int BOARDS = 10;

    private final TrackerHttp http;
    private final TrackerProperties properties;

    TrelloClient(TrackerHttp http, TrackerProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    record Credentials(String key, String token) {
        @Override
        public String toString() {
            return "Credentials[…]";
        }
    }

    record BoardList(String boardId, String boardName, String listId, String listName) {
    }

    record Card(String id, String name, String boardId, String listId, String listName, String url) {
    }

    /** The member's full name: the test call that proves the key and token work. */
    String me(Credentials credentials) {
        JsonNode me = http.get(uri("/1/members/me").queryParam("fields", "fullName,username").build().toUri(),
                auth(credentials));
        return me.path("fullName").asString(me.path("username").asString(""));
    }

    /** The open lists of the member's open boards. */
    List<BoardList> lists(Credentials credentials) {
        JsonNode boards = http.get(uri("/1/members/me/boards").queryParam("filter", "open")
                .queryParam("fields", "name").build().toUri(), auth(credentials));
        List<BoardList> lists = new ArrayList<>();
        int seen = 0;
        for (JsonNode board : boards) {
            if (seen++ == BOARDS) {
                break;
            }
            JsonNode boardLists = http.get(uri("/1/boards/{id}/lists").queryParam("filter", "open")
                    .queryParam("fields", "name").buildAndExpand(board.path("id").asString()).toUri(),
                    auth(credentials));
            for (JsonNode list : boardLists) {
                lists.add(new BoardList(board.path("id").asString(), board.path("name").asString(),
                        list.path("id").asString(), list.path("name").asString()));
            }
        }
        return lists;
    }

    Card create(Credentials credentials, String listId, String name, String description) {
        ObjectNode body = http.object().put("idList", listId).put("name", name).put("desc", description)
                .put("pos", "top");
        JsonNode card = http.post(uri("/1/cards").build().toUri(), auth(credentials), body);
        return new Card(card.path("id").asString(), card.path("name").asString(name),
                card.path("idBoard").asString(), card.path("idList").asString(listId), null,
                card.path("shortUrl").asString(card.path("url").asString("")));
    }

    /** A card on the list with exactly this name and {@code marker} in its description: see JiraClient#findCreated. */
    Optional<Card> findCreated(Credentials credentials, String listId, String name, String marker) {
        JsonNode cards = http.get(uri("/1/lists/{id}/cards").queryParam("fields", "name,desc,shortUrl,idBoard,idList")
                .buildAndExpand(listId).toUri(), auth(credentials));
        for (JsonNode card : cards) {
            if (name.equals(card.path("name").asString("")) && card.path("desc").asString("").contains(marker)) {
                return Optional.of(new Card(card.path("id").asString(), name,
                        card.path("idBoard").asString(), card.path("idList").asString(listId), null,
                        card.path("shortUrl").asString("")));
            }
        }
        return Optional.empty();
    }

    Card card(Credentials credentials, String idOrShortLink) {
        JsonNode card = http.get(uri("/1/cards/{id}").queryParam("fields", "name,shortUrl,idBoard,idList")
                .queryParam("list", "true").buildAndExpand(idOrShortLink).toUri(), auth(credentials));
        return new Card(card.path("id").asString(), card.path("name").asString(""), card.path("idBoard").asString(),
                card.path("idList").asString(), card.path("list").path("name").asString(null),
                card.path("shortUrl").asString(""));
    }

    /** Asks Trello to post the board's changes to {@code callbackUrl} (Trello checks it with a HEAD first). */
    void watch(Credentials credentials, String boardId, String callbackUrl) {
        ObjectNode body = http.object().put("idModel", boardId).put("callbackURL", callbackUrl)
                .put("description", "Product Ops Bot: feedback status");
        http.post(uri("/1/webhooks").build().toUri(), auth(credentials), body);
    }

    private UriComponentsBuilder uri(String path) {
        return UriComponentsBuilder.fromUriString(properties.trelloApiUrl()).path(path);
    }

    /** Trello's header form of key and token, so neither sits in a URL that could end up in a log. */
    private static Consumer<HttpHeaders> auth(Credentials credentials) {
        return headers -> headers.set(HttpHeaders.AUTHORIZATION, "OAuth oauth_consumer_key=\"" + credentials.key()
                + "\", oauth_token=\"" + credentials.token() + "\"");
    }

    /** The card id or short link in what was typed, or null. */
    static String cardIn(String typed) {
        Matcher m = CARD.matcher(typed == null ? "" : typed.strip().replaceFirst("^https?://", ""));
        return m.matches() ? m.group(1) : null;
    }
}
