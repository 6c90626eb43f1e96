package io.opsbot.core.training;

import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.PeopleDirectory;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who a training or announcement goes to: the people picked, plus everyone in the channel picked. */
@Component
class Audiences {

    private static final Logger log = LoggerFactory.getLogger(Audiences.class);

    private final ProfileService profiles;

    Audiences(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** The audience, or a rejection of the people/channel inputs saying what is wrong. */
    Resolved resolve(TenantRef tenant, UserRef organizer, List<String> people, Optional<String> channelId) {
        Set<UserRef> audience = new LinkedHashSet<>();
        people.forEach(id -> audience.add(new UserRef(tenant, id)));
        if (channelId.isPresent()) {
            Optional<PeopleDirectory> directory = profiles.directory(tenant.platform());
            List<UserRef> members;
            try {
                members = directory.map(d -> d.members(new Destination.Channel(tenant, channelId.get())))
                        .orElse(List.of());
            } catch (RuntimeException e) {
                log.warn("Could not list the members of {} in {}: {}", channelId.get(), tenant, e.getMessage());
                members = List.of();
            }
            if (members.isEmpty()) {
                return new Resolved(List.of(), SubmissionResult.rejected("channel", "I couldn't see anyone in that "
                        + "channel. Add me to it, or pick people instead."));
            }
            audience.addAll(members);
        }
        audience.remove(organizer);
        if (audience.isEmpty()) {
            return new Resolved(List.of(), SubmissionResult.rejected("people", "Pick at least one person other "
                    + "than you, or a channel."));
        }
        return new Resolved(List.copyOf(audience), null);
    }

    record Resolved(List<UserRef> audience, SubmissionResult.Rejected rejection) {
    }
}
