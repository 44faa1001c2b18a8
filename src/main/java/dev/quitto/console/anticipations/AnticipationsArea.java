package dev.quitto.console.anticipations;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Operators decide the pending anticipation requests. */
@Component
class AnticipationsArea implements ConsoleArea {

    static final String BASE = "/console/operator/anticipations";

    @Override
    public List<Link> links() {
        return List.of(new Link("Anticipations", BASE, Set.of(Role.OPERATOR)));
    }

    @Override
    public int order() {
        return 20;
    }
}
