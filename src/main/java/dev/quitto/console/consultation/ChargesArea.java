package dev.quitto.console.consultation;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** OPERATOR and AUDITOR watch the charge hand-off to finance; only OPERATOR re-arms (consultation-finance.md 3). */
@Component
class ChargesArea implements ConsoleArea {

    static final String BASE = "/console/operator/charges";

    @Override
    public List<Link> links() {
        return List.of(new Link("Consultation charges", BASE, Set.of(Role.OPERATOR, Role.AUDITOR)));
    }

    @Override
    public int order() {
        return 70;
    }
}
