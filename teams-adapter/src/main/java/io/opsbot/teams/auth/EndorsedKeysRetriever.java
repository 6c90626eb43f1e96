package io.opsbot.teams.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fetches OpenID metadata and key sets, and drops from a key set every key the Bot Framework did not endorse for our
 * channel: its keys carry {@code endorsements} (the channel ids a key may sign for) and a key without
 * {@code msteams} must not vouch for a Teams activity. Entra's keys carry no endorsements and are kept.
 */
final class EndorsedKeysRetriever implements ResourceRetriever {

    static final String CHANNEL = "msteams";

    private final ResourceRetriever http;

    EndorsedKeysRetriever(ResourceRetriever http) {
        this.http = http;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        Resource resource = http.retrieveResource(url);
        try {
            Map<String, Object> json = JSONObjectUtils.parse(resource.getContent());
            if (!(json.get("keys") instanceof List<?> keys)) {
                return resource;
            }
            List<Object> endorsed = new ArrayList<>();
            for (Object key : keys) {
                Object endorsements = key instanceof Map<?, ?> map ? map.get("endorsements") : null;
                if (endorsements == null || endorsements instanceof List<?> list && list.contains(CHANNEL)) {
                    endorsed.add(key);
                }
            }
            json.put("keys", endorsed);
            return new Resource(JSONObjectUtils.toJSONString(json), resource.getContentType());
        } catch (ParseException e) {
            return resource;
        }
    }
}
