package io.opsbot.dashboard.signin;

import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;

/**
 * Development sign-in, in the {@code local} profile only (the bean does not exist otherwise, so the path answers
 * nothing): sign in as any person of any tenant by typing their ids, to try the dashboard without an identity
 * provider. Roles still come from the same place as in chat (name yourself in {@code OPSBOT_ADMINS}).
 */
@Controller
@Profile(LocalSignIn.PROFILE)
class LocalSignIn {

    static final String PROFILE = "local";

    private final SecurityContextRepository contexts;

    LocalSignIn(SecurityContextRepository contexts) {
        this.contexts = contexts;
    }

    @PostMapping("/login/local")
    String signIn(@RequestParam String platform, @RequestParam String tenant, @RequestParam String user,
                  @RequestParam(required = false) String name, HttpServletRequest request,
                  HttpServletResponse response) {
        Platform chosen;
        try {
            chosen = Platform.valueOf(platform.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return "redirect:/login?error";
        }
        if (tenant.isBlank() || user.isBlank()) {
            return "redirect:/login?error";
        }
        SignedInPerson person = SignedInPerson.of(new UserRef(new TenantRef(chosen, tenant.strip()), user.strip()),
                name == null ? null : name.strip());
        // A new session id on sign-in, as the OpenID sign-in does, so a session fixed before cannot be taken over.
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(new LocalPerson(person), null,
                AuthorityUtils.createAuthorityList("ROLE_USER")));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/dashboard";
    }

    /** The principal of a development sign-in. */
    record LocalPerson(SignedInPerson person) implements PersonHolder, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return person.name();
        }
    }
}
