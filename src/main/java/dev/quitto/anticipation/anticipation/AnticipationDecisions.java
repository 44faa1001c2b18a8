package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.supplier.ActorRole;
import dev.quitto.anticipation.supplier.Scope;
import dev.quitto.anticipation.supplier.Scopes;
import dev.quitto.anticipation.web.NotFound;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator approves or denies a PENDING request. A conditional update decides: of concurrent deciders exactly
 * one wins and writes the payment's state, one log row and one e-mail; the others get 409.
 */
@Service
public class AnticipationDecisions {

    private final AnticipationRepository anticipations;
    private final Scopes scopes;
    private final ActionMails mails;
    private final Clock clock;

    AnticipationDecisions(AnticipationRepository anticipations, Scopes scopes, ActionMails mails, Clock clock) {
        this.anticipations = anticipations;
        this.scopes = scopes;
        this.mails = mails;
        this.clock = clock;
    }

    /**
     * The checks before the body is read, in the seed's order: a role (403), the request in scope (404), an operator
     * (403 for a supplier acting on its own request).
     */
    @Transactional(readOnly = true)
    public void checkMayDecide(CurrentUser caller, long id) {
        Scope scope = scopes.of(caller);
        anticipations.findInScope(id, scope.supplierId()).orElseThrow(NotFound::new);
        if (!scope.isOperator()) {
            throw new OperatorsOnly();
        }
    }

    /** Operators only, checked before the lookup (the canonical endpoints are operator-only whatever the id). */
    @Transactional
    public Anticipation decide(CurrentUser caller, long id, Decision decision) {
        Scope scope = scopes.of(caller);
        if (!scope.isOperator()) {
            throw new OperatorsOnly();
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(BusinessTime.ZONE).toLocalDate();
        RequestWithSupplier written = anticipations.decide(id, decision.to(), decision.action(), scope.userId(), now,
                decision == Decision.APPROVE ? today : null).orElseThrow(() -> refusal(id));
        mails.write(decision.mail(), written, ActorRole.OPERATOR);
        return written.anticipation();
    }

    /** Why the conditional update changed nothing; read again only to pick the answer. */
    private RuntimeException refusal(long id) {
        return anticipations.findInScope(id, null)
                .<RuntimeException>map(current -> current.status() == AnticipationStatus.PENDING ? new NewDueDatePassed() : new AnticipationNotPending())
                .orElseGet(NotFound::new);
    }
}
