package dev.quitto.consultation;

import dev.quitto.platform.web.FieldViolation;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A finish: an optional end date (absent or null: the server clock). */
record FinishRequest(@Nullable Instant endDate) {

    static FinishRequest of(ObjectNode body, List<FieldViolation> violations) {
        JsonNode node = Requests.field(body, "endDate", "end_date");
        if (node == null || node.isNull()) {
            return new FinishRequest(null);
        }
        Instant end = node.isString() ? Requests.endDate(node.asString().trim()) : null;
        if (end == null) {
            violations.add(new FieldViolation("end_date",
                    "must be a date-time such as \"2021-08-02T12:00:00\" (a space instead of T, a fraction, Z or an offset are accepted)",
                    "date-time"));
        }
        return new FinishRequest(end);
    }
}
