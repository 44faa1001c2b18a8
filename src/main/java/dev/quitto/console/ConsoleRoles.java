package dev.quitto.console;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import org.springframework.security.access.AccessDeniedException;

/** Finer checks than the chain's path rules: an AUDITOR may see the operator pages but not act on them. */
public final class ConsoleRoles {

    private ConsoleRoles() {
    }

    public static void requireOperator(CurrentUser user) {
        if (!user.may(Role.OPERATOR)) {
            throw new AccessDeniedException("Operators only");
        }
    }
}
