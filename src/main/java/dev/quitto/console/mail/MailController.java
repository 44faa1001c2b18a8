package dev.quitto.console.mail;

import dev.quitto.console.ConsoleForms;
import dev.quitto.console.ConsoleRoles;
import dev.quitto.platform.mail.MailStatus;
import dev.quitto.platform.mail.SentMails;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.PageQuery;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Every e-mail the platform queued, newest first, by status; a FAILED or UNKNOWN one can be sent again. */
@Controller("consoleMailController")
@RequestMapping(MailArea.BASE)
class MailController {

    private final SentMails mails;

    MailController(SentMails mails) {
        this.mails = mails;
    }

    @GetMapping
    String list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String businessKey,
                @RequestParam(required = false) @Nullable String page, Model model) {
        MailStatus shown = status == null ? null : Arrays.stream(MailStatus.values())
                .filter(s -> s.name().equals(status.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        PageQuery query = ConsoleForms.page(page);
        String key = businessKey == null || businessKey.isBlank() ? null : businessKey.strip();
        var found = mails.list(shown, key, query);
        model.addAttribute("businessKey", key);
        model.addAttribute("title", "Sent mail");
        model.addAttribute("status", shown);
        model.addAttribute("statuses", MailStatus.values());
        model.addAttribute("mails", found.items());
        model.addAttribute("page", query.page());
        model.addAttribute("pages", Math.max(1, (found.totalItems() + query.size() - 1) / query.size()));
        model.addAttribute("base", UriComponentsBuilder.fromPath(MailArea.BASE).queryParamIfPresent("status", Optional.ofNullable(shown))
                .queryParamIfPresent("businessKey", Optional.ofNullable(key)).build().encode().toUriString());
        return "console/mail/list";
    }

    @PostMapping("/{id}/resend")
    String resend(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        ConsoleRoles.requireOperator(user);
        var mail = mails.resend(id, user.login());
        redirect.addFlashAttribute("flash", "\"" + mail.subject() + "\" to " + String.join(", ", mail.recipients()) + " will be sent again.");
        return "redirect:" + MailArea.BASE;
    }
}
