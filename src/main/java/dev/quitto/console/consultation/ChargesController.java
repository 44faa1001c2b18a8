package dev.quitto.console.consultation;

import dev.quitto.console.ConsoleForms;
import dev.quitto.consultation.ConsultationPortal;
import dev.quitto.consultation.ConsultationPortal.ChargeStatus;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * The charge hand-off to finance through {@link ConsultationPortal}: counts per state, charges by state, dead reason or
 * consultation, one charge with its consultation and attempts, and the operators' retry of a dead charge (one, or every
 * dead charge of a reason).
 */
@Controller("consoleChargesController")
@RequestMapping(ChargesArea.BASE)
class ChargesController {

    private final ConsultationPortal consultation;

    ChargesController(ConsultationPortal consultation) {
        this.consultation = consultation;
    }

    @GetMapping
    String list(CurrentUser user, @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String deadReason,
                @RequestParam(required = false) @Nullable String consultationId, @RequestParam(required = false) @Nullable String page,
                HttpServletResponse response, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        ChargeStatus shown = status(status, errors);
        String reason = deadReason(deadReason, errors);
        UUID consultationKey = uuid(consultationId, errors);
        PageQuery query = ConsoleForms.page(page);
        ConsultationPortal.Listing<ConsultationPortal.ChargeView> charges = new ConsultationPortal.Listing<>(List.of(), 1, query.size(), 0);
        if (errors.isEmpty()) {
            charges = consultation.charges(user, shown, reason, consultationKey, query);
        } else {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        String base = UriComponentsBuilder.fromPath(ChargesArea.BASE)
                .queryParamIfPresent("status", Optional.ofNullable(shown).map(ChargeStatus::name))
                .queryParamIfPresent("deadReason", Optional.ofNullable(reason))
                .queryParamIfPresent("consultationId", Optional.ofNullable(consultationKey))
                .build().encode().toUriString();
        model.addAttribute("title", "Consultation charges");
        model.addAttribute("summary", consultation.summary(user));
        model.addAttribute("statuses", ChargeStatus.values());
        model.addAttribute("reasons", ConsultationPortal.DEAD_REASONS);
        model.addAttribute("status", shown == null ? blankToNull(status) : shown.name());
        model.addAttribute("deadReason", reason == null ? blankToNull(deadReason) : reason);
        model.addAttribute("consultationId", blankToNull(consultationId));
        model.addAttribute("errors", errors);
        model.addAttribute("charges", charges);
        model.addAttribute("base", base);
        return "console/consultation/list";
    }

    @GetMapping("/{id}")
    String show(CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("detail", consultation.charge(user, id));
        model.addAttribute("title", "Charge");
        return "console/consultation/show";
    }

    @PostMapping("/{id}/retry")
    String retry(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        var charge = consultation.retry(user, id);
        redirect.addFlashAttribute("flash", "The charge of consultation " + charge.consultationId() + " is " + charge.status()
                + " again and will be sent to finance shortly.");
        return "redirect:" + ChargesArea.BASE + "/" + id;
    }

    @PostMapping("/retry-all")
    String retryAll(CurrentUser user, @RequestParam(required = false) @Nullable String deadReason, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String reason = deadReason(deadReason, errors);
        if (reason == null) {
            throw new InvalidInput("deadReason", errors.getOrDefault("deadReason", "Choose a dead reason."), "required");
        }
        int count = consultation.retryAll(user, reason);
        redirect.addFlashAttribute("flash", count + (count == 1 ? " dead charge (" : " dead charges (") + reason + ") will be sent to finance again.");
        return "redirect:" + ChargesArea.BASE + "?status=DEAD&deadReason=" + reason;
    }

    private static @Nullable ChargeStatus status(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<ChargeStatus> known = Arrays.stream(ChargeStatus.values())
                .filter(s -> s.name().equals(text.strip().toUpperCase(Locale.ROOT))).findFirst();
        if (known.isEmpty()) {
            errors.put("status", "Choose one of the listed states.");
        }
        return known.orElse(null);
    }

    private static @Nullable String deadReason(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String reason = text.strip().toUpperCase(Locale.ROOT);
        if (!ConsultationPortal.DEAD_REASONS.contains(reason)) {
            errors.put("deadReason", "Choose one of the listed reasons.");
            return null;
        }
        return reason;
    }

    private static @Nullable UUID uuid(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String id = text.strip();
            if (id.length() != 36) {
                throw new IllegalArgumentException(id);
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            errors.put("consultationId", "Enter a consultation id: a UUID such as 25b1b0e4-23cd-4764-ad3d-ac7fcbb76f5a.");
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
