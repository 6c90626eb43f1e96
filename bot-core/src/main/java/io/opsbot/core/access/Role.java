package io.opsbot.core.access;

/**
 * What a person may do in their tenant. Everyone is a {@link #MEMBER}; {@link #TRIAGER} triages feedback,
 * {@link #MANAGER} runs teams' rituals (standups, OKRs, onboarding); {@link #ADMIN} implies every other role.
 * Commands, forms and buttons declare the lowest role allowed; {@link AccessPolicy} decides who holds it.
 */
public enum Role {
    MEMBER("anyone here", "everyone"),
    TRIAGER("a triager or admin", "triagers and admins"),
    MANAGER("a manager or admin", "managers and admins"),
    ADMIN("an admin", "admins");

    private final String who;
    private final String holders;

    Role(String who, String holders) {
        this.who = who;
        this.holders = holders;
    }

    /** Who holds this role, as a refusal names them: "Only a triager or admin can ...". */
    public String who() {
        return who;
    }

    /** Who holds it, as help marks what needs it: "triagers and admins". */
    public String holders() {
        return holders;
    }

    /** Whether someone holding this role may do what needs {@code needed}. */
    public boolean covers(Role needed) {
        return this == needed || this == ADMIN || needed == MEMBER;
    }
}
