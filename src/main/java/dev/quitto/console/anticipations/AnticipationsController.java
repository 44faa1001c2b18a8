package dev.quitto.console.anticipations;

import dev.quitto.anticipation.AnticipationPortal;
import dev.quitto.anticipation.AnticipationPortal.RequestStatus;
import dev.quitto.console.ConsoleForms;
import dev.quitto.platform.security.CurrentUser;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's queue: pending requests first (any status on demand), approve or deny each. The decision is the
 * module's: one conditional update, so of two operators deciding at once one wins and the other sees the 409 page.
 */
@Controller("consoleAnticipationsController")
@RequestMapping(AnticipationsArea.BASE)
class AnticipationsController {

    private final AnticipationPortal anticipation;

    AnticipationsController(AnticipationPortal anticipation) {
        this.anticipation = anticipation;
    }

    @GetMapping
    String list(CurrentUser user, @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String supplier,
                @RequestParam(required = false) @Nullable String page, Model model) {
        Long supplierId = supplier != null && !supplier.isEmpty() && supplier.length() < 19 && supplier.chars().allMatch(Character::isDigit)
                ? Long.valueOf(supplier) : null;
        RequestStatus shown = status == null ? RequestStatus.PENDING : Arrays.stream(RequestStatus.values())
                .filter(s -> s.name().equals(status.toUpperCase(Locale.ROOT))).findFirst().orElse(RequestStatus.PENDING);
        model.addAttribute("title", "Anticipations");
        model.addAttribute("status", shown);
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("supplier", supplierId);
        model.addAttribute("base", AnticipationsArea.BASE + "?status=" + shown.name() + (supplierId == null ? "" : "&supplier=" + supplierId));
        model.addAttribute("requests", anticipation.requests(user, shown, supplierId, ConsoleForms.page(page)));
        return "console/anticipations/list";
    }

    @PostMapping("/{id}/approve")
    String approve(CurrentUser user, @PathVariable long id, @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        var decided = anticipation.approve(user, id);
        redirect.addFlashAttribute("flash", "Request " + decided.id() + " approved: the supplier is paid " + decided.newValue().toPlainString()
                + " on " + decided.newDueDate() + ".");
        return "redirect:" + backTo(back);
    }

    @PostMapping("/{id}/deny")
    String deny(CurrentUser user, @PathVariable long id, @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        var decided = anticipation.deny(user, id);
        redirect.addFlashAttribute("flash", "Request " + decided.id() + " denied.");
        return "redirect:" + backTo(back);
    }

    /** Back to the list the decision was made from, never anywhere else (no open redirect). */
    private static String backTo(@Nullable String back) {
        return back != null && back.startsWith(AnticipationsArea.BASE + "?") && back.chars().noneMatch(c -> c == '\\' || c < 0x21)
                ? back : AnticipationsArea.BASE;
    }
}
