package dev.quitto.console.mail;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The platform's sent-mail table and resend. */
@Component
class MailArea implements ConsoleArea {

    static final String BASE = "/console/operator/mail";

    @Override
    public List<Link> links() {
        return List.of(new Link("Sent mail", BASE, Set.of(Role.OPERATOR, Role.AUDITOR)));
    }

    @Override
    public int order() {
        return 40;
    }
}
