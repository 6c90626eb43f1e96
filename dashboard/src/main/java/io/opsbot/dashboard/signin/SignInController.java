package io.opsbot.dashboard.signin;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page: a button per configured provider, and in the {@code local} profile the development sign-in. */
@Controller
class SignInController {

    private final Providers providers;
    private final boolean local;

    SignInController(Providers providers, Environment environment) {
        this.providers = providers;
        this.local = environment.acceptsProfiles(Profiles.of(LocalSignIn.PROFILE));
    }

    @GetMapping("/login")
    String signIn(Model model) {
        model.addAttribute("providers", providers.offered());
        model.addAttribute("localSignIn", local);
        return "dashboard/login";
    }
}
