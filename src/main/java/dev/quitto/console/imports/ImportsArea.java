package dev.quitto.console.imports;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The platform's CSV imports of every kind: progress, counts, error reports. */
@Component
class ImportsArea implements ConsoleArea {

    static final String BASE = "/console/operator/imports";

    @Override
    public List<Link> links() {
        return List.of(new Link("Imports", BASE, Set.of(Role.OPERATOR, Role.AUDITOR)));
    }

    @Override
    public int order() {
        return 50;
    }
}
