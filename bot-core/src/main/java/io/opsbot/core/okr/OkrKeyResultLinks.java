package io.opsbot.core.okr;

import io.opsbot.core.blocker.KeyResultLinks;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The key result a blocker names ("waiting on infra, KR-3"): the first {@code KR-n} of the tenant in the text. */
@Component
public class OkrKeyResultLinks implements KeyResultLinks {

    private static final Pattern MENTION = Pattern.compile("(?i)(?<![A-Z0-9])KR-?\\d{1,9}(?![0-9])");

    private final KeyResultService keyResults;

    public OkrKeyResultLinks(KeyResultService keyResults) {
        this.keyResults = keyResults;
    }

    @Override
    public Optional<Linked> mentionedIn(TenantRef tenant, String text) {
        Matcher m = MENTION.matcher(text == null ? "" : text);
        while (m.find()) {
            Optional<KeyResult> kr = Reference.parse(m.group(), KeyResult.KIND).flatMap(r -> keyResults.find(tenant, r));
            if (kr.isPresent()) {
                return kr.map(k -> new Linked(k.getId(), k.reference().toString(), k.getTitle(), k.getOwner()));
            }
        }
        return Optional.empty();
    }
}
