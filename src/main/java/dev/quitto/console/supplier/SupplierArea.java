package dev.quitto.console.supplier;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The supplier's own payments, requests and log. */
@Component
class SupplierArea implements ConsoleArea {

    static final String BASE = "/console/supplier";

    @Override
    public List<Link> links() {
        return List.of(new Link("My payments", BASE + "/payments", Set.of(Role.SUPPLIER)),
                new Link("My requests", BASE + "/requests", Set.of(Role.SUPPLIER)),
                new Link("Request log", BASE + "/log", Set.of(Role.SUPPLIER)));
    }

    @Override
    public int order() {
        return 10;
    }
}
