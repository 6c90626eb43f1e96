package io.opsbot.dashboard.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /dashboard} opens on the feedback board. */
@Controller
class Home {

    @GetMapping({"/dashboard", "/dashboard/"})
    String home() {
        return "redirect:/dashboard/feedback";
    }
}
