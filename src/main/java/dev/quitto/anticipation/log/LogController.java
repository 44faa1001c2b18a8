package dev.quitto.anticipation.log;

import dev.quitto.anticipation.supplier.ActorRole;
import dev.quitto.anticipation.web.Canonical;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.Paged;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The canonical request log, with the whole row: actor and role, transition, values and dates before and after. */
@RestController
class LogController {

    private final RequestLog log;

    LogController(RequestLog log) {
        this.log = log;
    }

    @GetMapping(Canonical.BASE + "/logs")
    Paged<LogView> list(CurrentUser caller, @RequestParam(required = false) @Nullable Long anticipationId,
                        @RequestParam(required = false) @Nullable Long paymentId, @RequestParam(required = false) @Nullable String action,
                        @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                        @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        List<FieldViolation> violations = new ArrayList<>();
        LogAction parsed = null;
        if (action != null) {
            parsed = Arrays.stream(LogAction.values()).filter(a -> a.name().equals(action.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
            if (parsed == null) {
                violations.add(new FieldViolation("action", "must be R, A or D", "invalid-value"));
            }
        }
        LogFilter filter = new LogFilter(anticipationId, paymentId, parsed, Fields.queryDate(from, "from", violations), Fields.queryDate(to, "to", violations));
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        PageSpec.Canonical spec = PageSpec.Canonical.of(page, size);
        return Canonical.paged(log.list(caller, filter, spec).map(LogView::of), spec);
    }

    record LogView(long id, long anticipationId, long paymentId, long supplierId, long actorUserId, ActorRole actorRole, String action,
                   @Nullable String fromStatus, String toStatus, String valueBefore, String valueAfter, LocalDate dueDateBefore,
                   LocalDate dueDateAfter, OffsetDateTime occurredAt) {

        static LogView of(LogEntry e) {
            return new LogView(e.id(), e.anticipationId(), e.paymentId(), e.supplierId(), e.actorUserId(), e.actorRole(), e.action().name(),
                    e.fromStatus(), e.toStatus(), e.valueBefore().setScale(2).toPlainString(), e.valueAfter().setScale(2).toPlainString(),
                    e.dueDateBefore(), e.dueDateAfter(), BusinessTime.render(e.occurredAt()));
        }
    }
}
