package dev.quitto.console;

import dev.quitto.platform.security.CurrentUsers;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page has (the caller, the navigation, the current path), and refusals as pages rather than
 * problem+json: a row outside the caller's scope is the 404 page, a conflict the 409 page with the service's detail.
 */
@ControllerAdvice(basePackages = "dev.quitto.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private final CurrentUsers currentUsers;
    private final ConsoleNavigation navigation;

    ConsoleAdvice(CurrentUsers currentUsers, ConsoleNavigation navigation) {
        this.currentUsers = currentUsers;
        this.navigation = navigation;
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        var user = currentUsers.current();
        model.addAttribute("currentUser", user.orElse(null));
        model.addAttribute("nav", user.map(navigation::linksFor).orElse(List.of()));
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("operator", user.map(u -> u.may(Role.OPERATOR)).orElse(false));
    }

    @ExceptionHandler(Refusal.class)
    String refused(Refusal refusal, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        response.setStatus(refusal.status().value());
        model.addAttribute("status", refusal.status().value());
        model.addAttribute("title", refusal.status().value() == 404 ? "Not found" : refusal.status().getReasonPhrase());
        model.addAttribute("detail", refusal.status().value() == 404 ? "There is no such page, or it is not yours to see." : refusal.getMessage());
        return "console/error";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        response.setStatus(404);
        model.addAttribute("status", 404);
        model.addAttribute("title", "Not found");
        model.addAttribute("detail", "There is no such page, or it is not yours to see.");
        return "console/error";
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("title", "Not allowed");
        model.addAttribute("detail", "Your roles do not allow this.");
        return "console/error";
    }
}
