package dev.quitto.fieldops;

import dev.quitto.platform.time.BusinessTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** How visits leave the service: the canonical shape, and the seed's shape with its snake_case names. */
final class VisitViews {

    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private VisitViews() {
    }

    record CanonicalVisit(long id, long clientId, Visit.Angel angel, Visit.Polo polo, LocalDate deadline, @Nullable LocalDate visitDate,
                          @Nullable OffsetDateTime visitedAt, Outcome outcome, String source, int version, OffsetDateTime createdAt,
                          OffsetDateTime updatedAt) {
    }

    static CanonicalVisit canonical(Visit visit, LocalDate asOf) {
        return new CanonicalVisit(visit.id(), visit.clientId(), visit.angel(), visit.polo(), visit.deadline(), visit.visitDate(),
                visit.visitedAt() == null ? null : BusinessTime.render(visit.visitedAt()), visit.outcome(asOf), visit.source(),
                visit.version(), BusinessTime.render(visit.createdAt()), BusinessTime.render(visit.updatedAt()));
    }

    /** {@code data_de_atendimento} is naive Sao Paulo wall time, {@code T00:00:00} when only the date is known. */
    static Map<String, Object> seed(Visit visit, LocalDate asOf) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", visit.id());
        body.put("cliente_id", visit.clientId());
        body.put("angel", visit.angel().name());
        body.put("polo", visit.polo().name());
        body.put("data_limite", visit.deadline().toString());
        String visited = null;
        if (visit.visitedAt() != null) {
            visited = LocalDateTime.ofInstant(visit.visitedAt(), BusinessTime.ZONE).format(SEED_TIME);
        } else if (visit.visitDate() != null) {
            visited = visit.visitDate().atStartOfDay().format(SEED_TIME);
        }
        body.put("data_de_atendimento", visited);
        body.put("status", visit.outcome(asOf).name());
        return body;
    }
}
