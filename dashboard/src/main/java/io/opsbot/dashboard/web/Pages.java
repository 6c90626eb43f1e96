package io.opsbot.dashboard.web;

import io.opsbot.core.access.AccessDenied;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.UserError;
import io.opsbot.dashboard.signin.PersonHolder;
import io.opsbot.dashboard.signin.SignedInPerson;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What every dashboard page gets: the {@code viewer} (who is signed in and their roles, from the same AccessPolicy as
 * chat), and refusals as pages: 404 for what is not in the viewer's tenant, 403 for what their role does not allow,
 * 400 with the core's own words for bad input.
 */
@ControllerAdvice(basePackages = "io.opsbot.dashboard")
public class Pages {

    private final AccessPolicy access;

    public Pages(AccessPolicy access) {
        this.access = access;
    }

    @ModelAttribute("viewer")
    public Viewer viewer(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof PersonHolder holder)) {
            return null;
        }
        SignedInPerson person = holder.person();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(Role.values()).filter(r -> access.has(person.user(), r)).forEach(roles::add);
        return new Viewer(person.user(), person.name(), roles);
    }

    @ExceptionHandler(NotFound.class)
    String notFound(NotFound e, Model model, HttpServletResponse response) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage() + " is not here.", model, response);
    }

    @ExceptionHandler(Refused.class)
    String refused(Refused e, Model model, HttpServletResponse response) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), model, response);
    }

    @ExceptionHandler(AccessDenied.class)
    String denied(AccessDenied e, Model model, HttpServletResponse response) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), model, response);
    }

    @ExceptionHandler(UserError.class)
    String badInput(UserError e, Model model, HttpServletResponse response) {
        return problem(HttpStatus.BAD_REQUEST, "That did not work", e.getMessage(), model, response);
    }

    private static String problem(HttpStatus status, String title, String message, Model model,
                                  HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "dashboard/problem";
    }
}
