package io.opsbot.dashboard.roles;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.standup.StandupChanges;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.dashboard.web.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /dashboard/settings}: who holds which role (anyone may look, as {@code /opsbot roles}), changed by admins
 * through the same AccessPolicy as chat (the last admin kept, configured admins untouchable, every change audited);
 * what a manager manages; the tenant's settings.
 */
@Controller
@RequestMapping("/dashboard/settings")
class RolePages {

    static final List<Role> NAMED = List.of(Role.ADMIN, Role.TRIAGER, Role.MANAGER);

    private final AccessPolicy access;
    private final ProfileService people;
    private final TenantSettingsService settings;
    private final StandupChanges standups;
    private final ObjectiveService objectives;

    RolePages(AccessPolicy access, ProfileService people, TenantSettingsService settings, StandupChanges standups,
              ObjectiveService objectives) {
        this.access = access;
        this.people = people;
        this.settings = settings;
        this.standups = standups;
        this.objectives = objectives;
    }

    /** Someone holding a role, and whether chat set it (configured admins cannot be removed here). */
    record Holder(UserRef user, String name, boolean configured) {
    }

    @GetMapping
    String settings(@ModelAttribute("viewer") Viewer viewer, Model model) {
        Map<Role, List<Holder>> holders = new LinkedHashMap<>();
        for (Role role : NAMED) {
            Set<UserRef> configured = role == Role.ADMIN ? access.configuredAdmins(viewer.tenant()) : Set.of();
            Set<UserRef> all = new TreeSet<>((a, b) -> a.key().compareTo(b.key()));
            all.addAll(access.holders(viewer.tenant(), role));
            all.addAll(configured);
            holders.put(role, all.stream().map(u -> new Holder(u, people.displayName(u), configured.contains(u)))
                    .toList());
        }
        model.addAttribute("holders", holders);
        model.addAttribute("people", people.knownPeople(viewer.tenant(), 200));
        model.addAttribute("settings", settings.get(viewer.tenant()));
        model.addAttribute("myStandups", viewer.isManager() ? standups.managedBy(viewer.user()) : List.of());
        model.addAttribute("myObjectives", viewer.isManager() ? objectives.managedBy(viewer.user()) : List.of());
        return "dashboard/settings";
    }

    @PostMapping("/roles")
    String change(@ModelAttribute("viewer") Viewer viewer, @RequestParam String change, @RequestParam String role,
                  @RequestParam String user, RedirectAttributes flash) {
        viewer.require(Role.ADMIN, "change who holds a role");
        Role named = NAMED.stream().filter(r -> r.name().equalsIgnoreCase(role)).findFirst()
                .orElseThrow(() -> new UserError("“" + role + "” is not a role: admin, triager or manager."));
        if (user.isBlank()) {
            throw new UserError("Choose the person.");
        }
        UserRef person = new UserRef(viewer.tenant(), user.strip());
        String name = people.displayName(person);
        String what = named.name().toLowerCase(Locale.ROOT);
        String outcome = switch (change) {
            case "add" -> switch (access.add(viewer.actor(), person, named)) {
                case DONE -> name + " is now " + article(what) + ".";
                default -> name + " was already " + article(what) + ".";
            };
            case "remove" -> switch (access.remove(viewer.actor(), person, named)) {
                case DONE -> name + " is no longer " + article(what) + ".";
                case LAST_ADMIN -> name + " is the last admin: name another admin first.";
                case CONFIGURED -> name + " is an admin by configuration (OPSBOT_ADMINS), which the dashboard cannot "
                                   + "change.";
                default -> name + " was not " + article(what) + ".";
            };
            default -> throw new UserError("Add or remove?");
        };
        flash.addFlashAttribute("outcome", outcome);
        return "redirect:/dashboard/settings";
    }

    private static String article(String role) {
        return (role.startsWith("a") ? "an " : "a ") + role;
    }
}
