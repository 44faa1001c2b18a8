package dev.quitto.console.indicators;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The control and analytics team (OPERATOR or AUDITOR) reads the field-ops indicators (fieldops.md 1). */
@Component
class IndicatorsArea implements ConsoleArea {

    static final String BASE = "/console/operator/indicators";

    @Override
    public List<Link> links() {
        return List.of(new Link("Field-ops indicators", BASE, Set.of(Role.OPERATOR, Role.AUDITOR)));
    }

    @Override
    public int order() {
        return 80;
    }
}
