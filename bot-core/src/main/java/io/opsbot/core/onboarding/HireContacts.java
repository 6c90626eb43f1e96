package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.mention.MentionTokens;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A new hire's buddy and manager, either of which may be left out. Typed after {@code onboarding start} as
 * {@code buddy @bea manager @max}, in either order.
 */
public record HireContacts(UserRef buddy, UserRef manager) {

    public static final HireContacts NONE = new HireContacts(null, null);

    /** The command argument: {@code buddy @b}, {@code manager @m} or both; user ids until a tenant is known. */
    static Arg argument(String name) {
        return Arg.parsed(name, 4, HireContacts::parse).optional();
    }

    /** The typed words as {@link Typed} user ids, or empty when they are not one or two "role @person" pairs. */
    static Optional<Typed> parse(String words) {
        String[] w = words.strip().split("\\s+");
        if (w.length != 2 && w.length != 4) {
            return Optional.empty();
        }
        String buddy = null;
        String manager = null;
        for (int i = 0; i < w.length; i += 2) {
            List<String> ids = MentionTokens.parse(w[i + 1]).userIds();
            if (ids.size() != 1 || !MentionTokens.parse(w[i + 1]).rest().isEmpty()) {
                return Optional.empty();
            }
            switch (w[i].toLowerCase(Locale.ROOT)) {
                case "buddy" -> {
                    if (buddy != null) {
                        return Optional.empty();
                    }
                    buddy = ids.get(0);
                }
                case "manager" -> {
                    if (manager != null) {
                        return Optional.empty();
                    }
                    manager = ids.get(0);
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Typed(buddy, manager));
    }

    /** User ids as typed, placed in a tenant by {@link #in}. */
    record Typed(String buddyId, String managerId) {
        HireContacts in(TenantRef tenant) {
            return new HireContacts(buddyId == null ? null : new UserRef(tenant, buddyId),
                    managerId == null ? null : new UserRef(tenant, managerId));
        }
    }

    /** Both belong to the hire's tenant, and neither is the hire. */
    void requireIn(UserRef hire) {
        for (UserRef contact : new UserRef[] {buddy, manager}) {
            if (contact != null && !contact.tenant().equals(hire.tenant())) {
                throw new UserError("A buddy or manager must be in the same workspace as the person onboarding.");
            }
            if (hire.equals(contact)) {
                throw new UserError("Someone can't be their own buddy or manager.");
            }
        }
    }

    static String describe(UserRef buddy, UserRef manager) {
        return "buddy " + (buddy == null ? "-" : buddy.userId()) + ", manager "
                + (manager == null ? "-" : manager.userId());
    }
}
