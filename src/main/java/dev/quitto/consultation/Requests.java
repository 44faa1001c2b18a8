package dev.quitto.consultation;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reading request bodies and their fields: JSON objects, UUIDs under a camelCase or snake_case name, end dates (spec 4.2). */
final class Requests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern END_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?");

    private Requests() {
    }

    /** A seed body: JSON whatever the Content-Type; an empty body is 400. */
    static ObjectNode seedBody(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw new Refusals.MalformedBody();
        }
        return object(body);
    }

    /** A canonical body: a non-JSON Content-Type is 415; no body is an empty object. */
    static ObjectNode canonicalBody(@Nullable String contentType, @Nullable String body) {
        if (contentType != null && !contentType.isBlank()) {
            MediaType type;
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                throw new Refusals.UnsupportedMediaType(contentType.trim());
            }
            if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
                throw new Refusals.UnsupportedMediaType(type.getType() + "/" + type.getSubtype());
            }
        }
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        return object(body);
    }

    private static ObjectNode object(String body) {
        try {
            if (JSON.readTree(body) instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // falls through
        }
        throw new Refusals.MalformedBody();
    }

    /** The field under its camelCase or snake_case name, or null when neither is present. */
    static @Nullable JsonNode field(ObjectNode body, String camel, String snake) {
        JsonNode node = body.get(camel);
        return node != null ? node : body.get(snake);
    }

    static @Nullable UUID requiredUuid(ObjectNode body, String camel, String snake, String reported, List<FieldViolation> violations) {
        JsonNode node = field(body, camel, snake);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            violations.add(new FieldViolation(reported, "is required", "required"));
            return null;
        }
        UUID id = node.isString() ? uuid(node.asString()) : null;
        if (id == null) {
            violations.add(new FieldViolation(reported, "must be a UUID", "uuid"));
        }
        return id;
    }

    static @Nullable UUID uuid(String text) {
        String trimmed = text.trim();
        if (trimmed.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(trimmed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} or with a space, optional fraction (up to 9 digits), optional {@code Z} or
     * {@code ±HH:mm}; naive values are wall-clock time in America/Sao_Paulo (a DST gap shifts forward, an overlap
     * takes the earlier offset). Null when the text has another form.
     */
    static @Nullable Instant endDate(String text) {
        if (!END_DATE.matcher(text).matches()) {
            return null;
        }
        String iso = text.replace(' ', 'T');
        try {
            if (iso.endsWith("Z") || iso.lastIndexOf('+') > 0 || iso.lastIndexOf('-') > 9) {
                return OffsetDateTime.parse(iso).toInstant();
            }
            return BusinessTime.fromLocal(LocalDateTime.parse(iso));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
