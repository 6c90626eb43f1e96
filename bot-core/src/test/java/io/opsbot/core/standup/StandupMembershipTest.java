package io.opsbot.core.standup;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.people.PeopleDirectory;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Whether someone takes part in a standup: {@code /standup} asks it of every standup in the workspace (2,000 in the
 * growth bench), so it must not read each participant's profile (name and zone) to answer.
 */
class StandupMembershipTest {

    private final TenantRef tenant = Tenants.slack();
    private final UserRef ana = new UserRef(tenant, "U-ANA");
    private final UserRef bo = new UserRef(tenant, "U-BO");
    private final UserRef kim = new UserRef(tenant, "U-KIM");
    private final ProfileService profiles = mock(ProfileService.class);
    // Links are read only for a person of another tenant; everyone here is of the standup's.
    private final StandupService service = new StandupService(null, null, null, null, null, null, profiles, null,
            null, new IdentityLinks(null, Clock.systemUTC()), null, null, Clock.systemUTC());

    @Test
    void aListedPersonIsFoundAndAnUnlistedOneIsNotWithoutReadingAnyProfile() {
        assertThat(service.memberOf(standup(ana, bo), ana)).contains(ana);
        assertThat(service.memberOf(standup(bo, kim), ana)).isEmpty();
        verifyNoInteractions(profiles);
    }

    @Test
    void aChannelsMembersAreAskedForOnlyWhenThePersonIsNotListed() {
        PeopleDirectory directory = mock(PeopleDirectory.class);
        Destination.Channel channel = new Destination.Channel(tenant, "C-TEAM");
        when(profiles.directory(Platform.SLACK)).thenReturn(Optional.of(directory));
        when(directory.members(channel)).thenReturn(List.of(kim));
        Standup standup = standup(ana);
        standup.setMembersOf(channel);

        assertThat(service.memberOf(standup, ana)).contains(ana);
        verifyNoInteractions(directory);
        assertThat(service.memberOf(standup, kim)).contains(kim);
        assertThat(service.memberOf(standup, bo)).isEmpty();
        verify(profiles, never()).displayName(any());
        verify(profiles, never()).zone(any(), any());
    }

    private Standup standup(UserRef... people) {
        Standup standup = new Standup(tenant, "Team", people[0], Instant.parse("2026-03-06T00:00:00Z"));
        standup.setParticipants(List.of(people));
        return standup;
    }
}
