package io.opsbot.slack.web;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between Spring MVC and Bolt: a servlet request's headers for Bolt, Bolt's response for Spring. */
final class BoltHttp {

    private BoltHttp() {
    }

    static RequestHeaders headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new RequestHeaders(headers);
    }

    static ResponseEntity<String> toEntity(Response response) {
        HttpHeaders headers = new HttpHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::addAll);
        }
        if (response.getContentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, response.getContentType());
        }
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }
}
