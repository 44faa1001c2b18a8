package dev.quitto.anticipation.log;

import dev.quitto.anticipation.supplier.Scope;
import dev.quitto.anticipation.supplier.Scopes;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.Slice;
import dev.quitto.platform.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request log, read in the caller's scope. Its rows are written by the statement of the action they record
 * ({@code AnticipationRepository}), so a transition never exists without its row.
 */
@Service
public class RequestLog {

    private final RequestLogRepository log;
    private final Scopes scopes;

    RequestLog(RequestLogRepository log, Scopes scopes) {
        this.log = log;
        this.scopes = scopes;
    }

    @Transactional(readOnly = true)
    public Slice<LogEntry> list(CurrentUser caller, LogFilter filter, PageSpec page) {
        Scope scope = scopes.of(caller);
        long total = log.count(scope.supplierId(), filter);
        return new Slice<>(log.page(scope.supplierId(), filter, page.size(), page.offset(total)), page.page(total), total);
    }
}
