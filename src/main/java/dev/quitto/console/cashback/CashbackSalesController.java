package dev.quitto.console.cashback;

import dev.quitto.cashback.CashbackPortal;
import dev.quitto.cashback.CashbackPortal.Status;
import dev.quitto.console.ConsoleForms;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

/**
 * Cashback sales through {@link CashbackPortal}: filtered by status, sale date and customer CPF, each with its delivery
 * attempts and events; a FAILED sale has a Retry button for ADMIN (the module refuses anyone else with 403, and a sale
 * that is no longer FAILED with 409).
 */
@Controller("consoleCashbackController")
@RequestMapping(CashbackArea.BASE)
class CashbackSalesController {

    private final CashbackPortal cashback;

    CashbackSalesController(CashbackPortal cashback) {
        this.cashback = cashback;
    }

    @GetMapping
    String list(CurrentUser user, @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String from,
                @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String document,
                @RequestParam(required = false) @Nullable String page, HttpServletResponse response, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        Status shown = status(status, errors);
        LocalDate fromDate = ConsoleForms.date("from", from, errors);
        LocalDate toDate = ConsoleForms.date("to", to, errors);
        String cpf = document == null || document.isBlank() ? null : document.strip();
        PageQuery query = ConsoleForms.page(page);
        CashbackPortal.Listing<CashbackPortal.SaleView> sales = new CashbackPortal.Listing<>(List.of(), 1, query.size(), 0);
        if (errors.isEmpty()) {
            try {
                sales = cashback.sales(user, shown, fromDate, toDate, cpf, query);
            } catch (InvalidInput invalid) {
                errors.putAll(ConsoleForms.errors(invalid));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        String base = UriComponentsBuilder.fromPath(CashbackArea.BASE)
                .queryParamIfPresent("status", Optional.ofNullable(shown).map(Status::name))
                .queryParamIfPresent("from", Optional.ofNullable(blankToNull(from)))
                .queryParamIfPresent("to", Optional.ofNullable(blankToNull(to)))
                .queryParamIfPresent("document", Optional.ofNullable(cpf))
                .build().encode().toUriString();
        model.addAttribute("title", "Cashback sales");
        model.addAttribute("statuses", Status.values());
        model.addAttribute("status", shown == null ? blankToNull(status) : shown.name());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("document", cpf);
        model.addAttribute("errors", errors);
        model.addAttribute("sales", sales);
        model.addAttribute("base", base);
        model.addAttribute("back", sales.page() > 1 ? base + (base.contains("?") ? "&" : "?") + "page=" + sales.page() : base);
        model.addAttribute("admin", user.may(Role.ADMIN));
        return "console/cashback/list";
    }

    @PostMapping("/{id}/retry")
    String retry(CurrentUser user, @PathVariable long id, @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        var sale = cashback.retry(user, id);
        redirect.addFlashAttribute("flash", "Sale " + sale.id() + " is " + sale.status() + " again: its cashback of "
                + sale.cashback().toPlainString() + " will be sent to the provider shortly.");
        return "redirect:" + backTo(back);
    }

    private static @Nullable Status status(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<Status> known = Arrays.stream(Status.values()).filter(s -> s.name().equals(text.strip().toUpperCase(Locale.ROOT))).findFirst();
        if (known.isEmpty()) {
            errors.put("status", "Choose one of the listed statuses.");
        }
        return known.orElse(null);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Back to the list the retry was made from, never anywhere else (no open redirect). */
    private static String backTo(@Nullable String back) {
        return back != null && back.startsWith(CashbackArea.BASE + "?") && back.chars().noneMatch(c -> c == '\\' || c < 0x21)
                ? back : CashbackArea.BASE;
    }
}
