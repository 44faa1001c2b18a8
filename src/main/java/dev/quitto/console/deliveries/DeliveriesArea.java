package dev.quitto.console.deliveries;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Outbound deliveries of every destination, dead letters and their retry. */
@Component
class DeliveriesArea implements ConsoleArea {

    static final String BASE = "/console/operator/deliveries";

    @Override
    public List<Link> links() {
        return List.of(new Link("Deliveries", BASE, Set.of(Role.OPERATOR, Role.AUDITOR)));
    }

    @Override
    public int order() {
        return 30;
    }
}
