package io.opsbot.dashboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser as plain HTTP: cookies kept, redirects followed (or not), the CSRF token read from the last page
 * as a browser's form or htmx would send it.
 */
public final class WebClient {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final HttpClient noRedirects;
    private String csrf;

    public WebClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.noRedirects = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The value of a cookie the dashboard set. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    /** Signs in through the provider (the test enqueued who), ending on the dashboard. */
    public HttpResponse<String> signIn(String provider) {
        return get("/oauth2/authorization/" + provider);
    }

    public HttpResponse<String> get(String path) {
        return send(http, HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> getWithoutRedirects(String path) {
        return send(noRedirects, HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A form post carrying the CSRF token of the last page seen, as the page's form would. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return postForm(path, form, true);
    }

    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
        return postForm(path, form, false);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, boolean withCsrf) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withCsrf && csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(noRedirects, request.build());
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
