package io.opsbot.dashboard.audit;

import io.opsbot.core.access.Role;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.dashboard.web.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /dashboard/audit}: the tenant's audit log, as {@code /opsbot audit} shows it, for admins. */
@Controller
@RequestMapping("/dashboard/audit")
class AuditPages {

    static final int PAGE_SIZE = 30;

    private final AuditLog audit;

    AuditPages(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    String audit(@ModelAttribute("viewer") Viewer viewer, @RequestParam(defaultValue = "1") int page, Model model) {
        viewer.require(Role.ADMIN, "read the audit log");
        model.addAttribute("log", audit.page(viewer.tenant(), Math.max(1, page), PAGE_SIZE));
        return "dashboard/audit";
    }
}
