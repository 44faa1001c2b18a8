package dev.quitto.console.cashback;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** ADMIN and AUDITOR read every cashback sale (cashback.md 1); only ADMIN retries. */
@Component
class CashbackArea implements ConsoleArea {

    static final String BASE = "/console/cashback/sales";

    @Override
    public List<Link> links() {
        return List.of(new Link("Cashback sales", BASE, Set.of(Role.ADMIN, Role.AUDITOR)));
    }

    @Override
    public int order() {
        return 60;
    }
}
