package dev.quitto.console;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.FieldViolation;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.WebAttributes;

/** The login page, the console's entry (the first page the caller's roles may open) and the 403 page. */
@Controller("consoleController")
class ConsoleController {

    static final String FORBIDDEN = "/console/forbidden";

    private final ConsoleNavigation navigation;

    ConsoleController(ConsoleNavigation navigation) {
        this.navigation = navigation;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) @Nullable String error, @RequestParam(required = false) @Nullable String logout,
                 HttpSession session, Model model) {
        Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (error != null && failure instanceof ConsoleLoginFailure refused) {
            model.addAttribute("message", refused.getMessage());
            model.addAttribute("login", refused.login());
            model.addAttribute("errors", byField(refused.violations()));
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        } else if (error != null) {
            model.addAttribute("message", "Sign in again.");
        }
        if (logout != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        model.addAttribute("title", "Sign in");
        return "console/login";
    }

    @GetMapping("/console")
    String home(CurrentUser user, Model model) {
        List<ConsoleArea.Link> links = navigation.linksFor(user);
        if (!links.isEmpty()) {
            return "redirect:" + links.getFirst().path();
        }
        model.addAttribute("title", "Console");
        return "console/home";
    }

    @RequestMapping(FORBIDDEN)
    String forbidden(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("title", "Not allowed");
        model.addAttribute("status", 403);
        model.addAttribute("detail", "Your roles do not allow this page.");
        return "console/error";
    }

    /** Field errors by field name, every message of a field joined, as the templates show them beside the inputs. */
    public static Map<String, String> byField(List<FieldViolation> violations) {
        return violations.stream().collect(Collectors.groupingBy(FieldViolation::field, java.util.LinkedHashMap::new,
                Collectors.mapping(FieldViolation::message, Collectors.joining(" "))));
    }
}
