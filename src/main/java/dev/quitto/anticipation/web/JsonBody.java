package dev.quitto.anticipation.web;

import dev.quitto.platform.web.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body read as a JSON object whose numbers stay exact: decimals become {@link java.math.BigDecimal}
 * with their written scale ({@code 1.000} keeps three decimals), never a {@code double}.
 */
public final class JsonBody {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonBody() {
    }

    /**
     * The body as an object: no body (or no content type) is an empty object; a content type other than JSON is
     * 415; malformed JSON, or JSON that is not an object, is 400 "JSON parse error.".
     */
    public static ObjectNode read(@Nullable String contentType, @Nullable String body) {
        if (contentType != null && !contentType.isBlank()) {
            MediaType type;
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                throw new UnsupportedMediaType(contentType.trim());
            }
            boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || (type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
            if (!json) {
                throw new UnsupportedMediaType(type.getType() + "/" + type.getSubtype());
            }
        }
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedBody();
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new MalformedBody();
    }

    /** Canonical bodies refuse what they do not know: one violation per unknown or read-only property. */
    public static List<FieldViolation> unknownProperties(ObjectNode body, Set<String> allowed) {
        List<FieldViolation> violations = new ArrayList<>();
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                violations.add(new FieldViolation(name, "is not a property of this request", "unknown-property"));
            }
        }
        return violations;
    }
}
