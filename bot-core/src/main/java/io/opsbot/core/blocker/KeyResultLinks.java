package io.opsbot.core.blocker;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.util.Optional;

/** Finds the key result a text names ({@code KR-3}), only among the given tenant's: the OKR feature answers. */
public interface KeyResultLinks {

    Optional<Linked> mentionedIn(TenantRef tenant, String text);

    /** A key result as a blocker keeps it: its id, {@code KR-3}, its title and its owner. */
    record Linked(String id, String reference, String title, UserRef owner) {
    }
}
