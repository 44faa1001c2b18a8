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

    /** The largest body the module reads: 64 KiB, counted in UTF-8 bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonBody() {
    }

    /**
     * The body as an object: a body over {@link #MAX_BYTES} is 413; no body (or no content type) is an empty object;
     * a content type other than JSON is 415; malformed JSON, or JSON that is not an object, is 400 "JSON parse error.".
     */
    public static ObjectNode read(@Nullable String contentType, @Nullable String body) {
        if (body != null && utf8Length(body) > MAX_BYTES) {
            throw new PayloadTooLarge(MAX_BYTES);
        }
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

    /** The body's size as sent (UTF-8), counted without copying it; stops counting once past the limit. */
    private static long utf8Length(String text) {
        if (text.length() > MAX_BYTES) {
            return text.length();
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= MAX_BYTES; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
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
