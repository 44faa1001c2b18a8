package dev.quitto.console.supplier;

import dev.quitto.anticipation.AnticipationPortal;
import dev.quitto.anticipation.AnticipationPortal.PaymentState;
import dev.quitto.anticipation.AnticipationPortal.RequestStatus;
import dev.quitto.console.ConsoleForms;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
 * The supplier area: own payments in the five states, one payment with its requests and the request form (with a
 * live preview of the new value), own requests and the request log. Everything goes through {@link AnticipationPortal},
 * so another supplier's payment is 404 here exactly as on the API.
 */
@Controller("consoleSupplierController")
@RequestMapping(SupplierArea.BASE)
class SupplierController {

    private static final int PER_STATE = 10;

    private final AnticipationPortal anticipation;

    SupplierController(AnticipationPortal anticipation) {
        this.anticipation = anticipation;
    }

    @GetMapping("/payments")
    String payments(CurrentUser user, @RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable String page,
                    Model model) {
        PaymentState only = state == null ? null : Arrays.stream(PaymentState.values())
                .filter(s -> s.name().equals(state.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        Map<PaymentState, AnticipationPortal.Listing<AnticipationPortal.PaymentView>> groups = new LinkedHashMap<>();
        for (PaymentState each : PaymentState.values()) {
            if (only == null || only == each) {
                groups.put(each, anticipation.payments(user, each,
                        only == null ? new PageQuery(1, PER_STATE) : ConsoleForms.page(page)));
            }
        }
        model.addAttribute("title", "My payments");
        model.addAttribute("groups", groups);
        model.addAttribute("only", only);
        model.addAttribute("today", anticipation.today());
        model.addAttribute("labels", Arrays.stream(PaymentState.values())
                .collect(Collectors.toMap(s -> s, SupplierController::label)));
        model.addAttribute("charts", only == null);
        model.addAttribute("chartLabels", groups.keySet().stream().map(SupplierController::label).toList());
        model.addAttribute("chartCounts", groups.values().stream().map(AnticipationPortal.Listing::total).toList());
        return "console/supplier/payments";
    }

    @GetMapping("/payments/{id}")
    String payment(CurrentUser user, @PathVariable long id, Model model) {
        return paymentPage(user, id, null, Map.of(), null, model);
    }

    /** The live preview: the new value the module's discount formula gives for the date typed so far. */
    @GetMapping("/payments/{id}/preview")
    String preview(CurrentUser user, @PathVariable long id, @RequestParam(required = false) @Nullable String newDueDate, Model model) {
        try {
            model.addAttribute("quote", anticipation.preview(user, id, ConsoleForms.date("newDueDate", newDueDate)));
        } catch (InvalidInput invalid) {
            model.addAttribute("previewError", String.join(" ", ConsoleForms.errors(invalid).values()));
        } catch (Refusal refusal) {
            if (refusal.status().value() == 404) {
                throw refusal;
            }
            model.addAttribute("previewError", refusal.getMessage());
        }
        return "console/supplier/payment :: preview";
    }

    @PostMapping("/payments/{id}/anticipations")
    String request(CurrentUser user, @PathVariable long id, @RequestParam(required = false) @Nullable String newDueDate,
                   HttpServletResponse response, RedirectAttributes redirect, Model model) {
        try {
            var created = anticipation.request(user, id, ConsoleForms.date("newDueDate", newDueDate));
            redirect.addFlashAttribute("flash", "Anticipation requested for payment " + id + ": new value "
                    + created.newValue().toPlainString() + ", pending confirmation.");
            return "redirect:" + SupplierArea.BASE + "/requests";
        } catch (InvalidInput invalid) {
            response.setStatus(400);
            return paymentPage(user, id, newDueDate, ConsoleForms.errors(invalid), null, model);
        } catch (Refusal refusal) {
            if (refusal.status().value() == 404) {
                throw refusal;
            }
            response.setStatus(refusal.status().value());
            return paymentPage(user, id, newDueDate, Map.of(), refusal.getMessage(), model);
        }
    }

    @GetMapping("/requests")
    String requests(CurrentUser user, @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String page,
                    Model model) {
        RequestStatus only = status == null ? null : Arrays.stream(RequestStatus.values())
                .filter(s -> s.name().equals(status.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        model.addAttribute("title", "My requests");
        model.addAttribute("status", only);
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("requests", anticipation.requests(user, only, null, ConsoleForms.page(page)));
        return "console/supplier/requests";
    }

    @GetMapping("/log")
    String log(CurrentUser user, @RequestParam(required = false) @Nullable String page, Model model) {
        model.addAttribute("title", "Request log");
        model.addAttribute("log", anticipation.log(user, ConsoleForms.page(page)));
        return "console/supplier/log";
    }

    private String paymentPage(CurrentUser user, long id, @Nullable String newDueDate, Map<String, String> errors, @Nullable String refusal,
                               Model model) {
        var payment = anticipation.payment(user, id);
        LocalDate today = anticipation.today();
        model.addAttribute("title", "Payment " + id);
        model.addAttribute("payment", payment);
        model.addAttribute("stateLabel", label(payment.state()));
        model.addAttribute("history", anticipation.requestsOf(user, id));
        model.addAttribute("newDueDate", newDueDate);
        model.addAttribute("minDate", today);
        model.addAttribute("maxDate", payment.dueDate().minusDays(1));
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        return "console/supplier/payment";
    }

    static String label(PaymentState state) {
        return switch (state) {
            case AVAILABLE -> "Available";
            case UNAVAILABLE -> "Unavailable";
            case PENDING_CONFIRMATION -> "Pending confirmation";
            case ANTICIPATED -> "Anticipated";
            case DENIED -> "Denied";
        };
    }
}
