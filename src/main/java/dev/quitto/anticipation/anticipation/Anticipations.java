package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.payment.Payments;
import dev.quitto.anticipation.supplier.Scope;
import dev.quitto.anticipation.supplier.Scopes;
import dev.quitto.anticipation.web.NotFound;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.Slice;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading requests in the caller's scope. */
@Service
public class Anticipations {

    private static final int HISTORY_LIMIT = 1000;

    private final AnticipationRepository anticipations;
    private final Payments payments;
    private final Scopes scopes;
    private final Clock clock;

    Anticipations(AnticipationRepository anticipations, Payments payments, Scopes scopes, Clock clock) {
        this.anticipations = anticipations;
        this.payments = payments;
        this.scopes = scopes;
        this.clock = clock;
    }

    public LocalDate today() {
        return BusinessTime.today(clock);
    }

    @Transactional(readOnly = true)
    public Slice<Anticipation> list(CurrentUser caller, AnticipationFilter filter, PageSpec page) {
        Scope scope = scopes.of(caller);
        LocalDate today = today();
        long total = anticipations.count(scope.supplierId(), filter, today);
        return new Slice<>(anticipations.page(scope.supplierId(), filter, today, page.size(), page.offset(total)), page.page(total), total);
    }

    @Transactional(readOnly = true)
    public Anticipation get(CurrentUser caller, long id) {
        return anticipations.findInScope(id, scopes.of(caller).supplierId()).orElseThrow(NotFound::new);
    }

    /** Every request made on a payment, newest first. */
    @Transactional(readOnly = true)
    public List<Anticipation> history(CurrentUser caller, long paymentId) {
        Scope scope = scopes.of(caller);
        payments.findInScope(scope, paymentId).orElseThrow(NotFound::new);
        return anticipations.page(scope.supplierId(), new AnticipationFilter(null, paymentId, null, null), today(), HISTORY_LIMIT, 0);
    }
}
