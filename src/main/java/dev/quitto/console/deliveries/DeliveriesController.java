package dev.quitto.console.deliveries;

import dev.quitto.console.ConsoleForms;
import dev.quitto.console.ConsoleRoles;
import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.DeliveryNotFound;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import java.util.Arrays;
import java.util.Locale;
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

/** Every destination's deliveries through the platform's {@link Deliveries}: filter, look at the attempts, retry dead letters. */
@Controller("consoleDeliveriesController")
@RequestMapping(DeliveriesArea.BASE)
class DeliveriesController {

    private final Deliveries deliveries;

    DeliveriesController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    String list(@RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable String destination,
                @RequestParam(required = false) @Nullable String page, Model model) {
        DeliveryState shown = state == null ? null : Arrays.stream(DeliveryState.values())
                .filter(s -> s.name().equals(state.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        String where = destination == null || destination.isBlank() ? null : destination.strip();
        PageQuery query = ConsoleForms.page(page);
        var found = deliveries.list(shown, where, null, query.size(), query.offset());
        model.addAttribute("title", shown == DeliveryState.DEAD ? "Dead letters" : "Deliveries");
        model.addAttribute("state", shown);
        model.addAttribute("states", DeliveryState.values());
        model.addAttribute("destination", where);
        model.addAttribute("deliveries", found.items());
        model.addAttribute("page", query.page());
        model.addAttribute("pages", Math.max(1, (found.totalItems() + query.size() - 1) / query.size()));
        model.addAttribute("total", found.totalItems());
        StringBuilder base = new StringBuilder(DeliveriesArea.BASE + "?");
        if (shown != null) {
            base.append("state=").append(shown.name()).append('&');
        }
        if (where != null) {
            base.append("destination=").append(java.net.URLEncoder.encode(where, java.nio.charset.StandardCharsets.UTF_8)).append('&');
        }
        model.addAttribute("base", base.substring(0, base.length() - 1));
        return "console/deliveries/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("delivery", deliveries.find(id).orElseThrow(() -> new DeliveryNotFound(id)));
        model.addAttribute("attempts", deliveries.attempts(id));
        model.addAttribute("title", "Delivery");
        return "console/deliveries/show";
    }

    @PostMapping("/{id}/retry")
    String retry(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        ConsoleRoles.requireOperator(user);
        var retried = deliveries.retry(id);
        redirect.addFlashAttribute("flash", "Delivery " + retried.businessKey() + " to " + retried.destination() + " is " + retried.state()
                + " again and will be sent shortly.");
        return "redirect:" + DeliveriesArea.BASE + "/" + id;
    }

    @PostMapping("/retry-all")
    String retryAll(CurrentUser user, @RequestParam(required = false) @Nullable String destination, RedirectAttributes redirect) {
        ConsoleRoles.requireOperator(user);
        if (destination == null || destination.isBlank()) {
            throw new InvalidInput("destination", "Choose a destination.", "required");
        }
        int count = deliveries.retryAll(destination.strip(), null);
        redirect.addFlashAttribute("flash", count + " dead deliveries to " + destination + " will be sent again.");
        return "redirect:" + DeliveriesArea.BASE + "?state=DEAD&destination=" + java.net.URLEncoder.encode(destination, java.nio.charset.StandardCharsets.UTF_8);
    }
}
