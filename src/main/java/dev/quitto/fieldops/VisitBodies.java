package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldDates.VisitResult;
import dev.quitto.fieldops.FieldopsRefusals.MalformedBody;
import dev.quitto.fieldops.FieldopsRefusals.MissingFields;
import dev.quitto.fieldops.FieldopsRefusals.UnsupportedMediaType;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Visit request bodies, canonical ({@code clientId, angel, polo, deadline, visitedAt}) and seed ({@code id_cliente}
 * or {@code cliente_id}, {@code angel}, {@code polo}, {@code data_limite}, {@code data_de_atendimento}): both names
 * are accepted on both paths; {@code status} is derived and ignored. Every failing field is reported at once.
 */
final class VisitBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String[] ID = {"id", "id_atendimento"};
    static final String[] CLIENT = {"clientId", "id_cliente", "cliente_id"};
    static final String[] ANGEL = {"angel"};
    static final String[] POLO = {"polo"};
    static final String[] DEADLINE = {"deadline", "data_limite"};
    static final String[] VISIT = {"visitedAt", "data_de_atendimento", "visitDate"};

    private VisitBodies() {
    }

    /** The body as a JSON object: 415 for a non-JSON content type, 400 {@code malformed-body} for an empty, broken or non-object body. */
    static ObjectNode read(@Nullable String contentType, @Nullable String body) {
        if (contentType != null && !contentType.isBlank()) {
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
                    throw new UnsupportedMediaType(type.getType() + "/" + type.getSubtype());
                }
            } catch (InvalidMediaTypeException e) {
                throw new UnsupportedMediaType(contentType.strip());
            }
        }
        if (body == null || body.isBlank()) {
            throw new MalformedBody("The request body is empty; send a JSON object.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedBody("The request body is not valid JSON.");
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new MalformedBody("The request body must be a JSON object.");
    }

    static Visits.NewVisit create(ObjectNode body, LocalDate today) {
        List<FieldViolation> missing = new ArrayList<>();
        for (String[] names : List.of(CLIENT, ANGEL, POLO, DEADLINE)) {
            if (name(body, names) == null) {
                missing.add(new FieldViolation(names[0], "is required", "required"));
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingFields(missing);
        }
        List<FieldViolation> violations = new ArrayList<>();
        Long id = name(body, ID) == null || body.get(name(body, ID)).isNull() ? null : positive(body, ID, violations);
        Long client = positive(body, CLIENT, violations);
        String angel = dimension(body, ANGEL, violations);
        String polo = dimension(body, POLO, violations);
        LocalDate deadline = deadline(body, violations);
        FieldDates.Visit visit = name(body, VISIT) == null ? new FieldDates.NotVisited() : visit(body, today, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new Visits.NewVisit(id, client, angel, polo, deadline, visit);
    }

    /**
     * A change: {@code required} keys must all be present (PUT), and at least one known key must be (PATCH). The
     * visit key set to null clears the visit.
     */
    static Visits.Change change(ObjectNode body, LocalDate today, List<String[]> required) {
        List<FieldViolation> missing = new ArrayList<>();
        for (String[] names : required) {
            if (name(body, names) == null) {
                missing.add(new FieldViolation(names[0], "is required", "required"));
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingFields(missing);
        }
        boolean any = false;
        for (String[] names : List.of(CLIENT, ANGEL, POLO, DEADLINE, VISIT)) {
            any |= name(body, names) != null;
        }
        if (!any) {
            throw new InvalidInput("body", "must change at least one of clientId, angel, polo, deadline, visitedAt", "required");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Long client = name(body, CLIENT) == null ? null : positive(body, CLIENT, violations);
        String angel = name(body, ANGEL) == null ? null : dimension(body, ANGEL, violations);
        String polo = name(body, POLO) == null ? null : dimension(body, POLO, violations);
        LocalDate deadline = name(body, DEADLINE) == null ? null : deadline(body, violations);
        boolean visitGiven = name(body, VISIT) != null;
        FieldDates.Visit visit = visitGiven ? visit(body, today, violations) : null;
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new Visits.Change(client, angel, polo, deadline, visitGiven, visit instanceof FieldDates.NotVisited ? null : visit);
    }

    /** The first of {@code names} the body has, or null. */
    static @Nullable String name(ObjectNode body, String[] names) {
        for (String name : names) {
            if (body.has(name)) {
                return name;
            }
        }
        return null;
    }

    private static @Nullable Long positive(ObjectNode body, String[] names, List<FieldViolation> violations) {
        String name = name(body, names);
        JsonNode node = body.get(name);
        String text = node.isIntegralNumber() ? node.asString() : node.isString() ? node.stringValue().strip() : null;
        if (text == null || !VisitImport.isPositiveLong(text)) {
            violations.add(new FieldViolation(name, "must be a positive integer", "positive-integer"));
            return null;
        }
        return Long.parseLong(text);
    }

    private static @Nullable String dimension(ObjectNode body, String[] names, List<FieldViolation> violations) {
        String name = name(body, names);
        JsonNode node = body.get(name);
        if (!node.isString() || Names.display(node.stringValue()).isEmpty()) {
            violations.add(new FieldViolation(name, "must be a non-blank text", "required"));
            return null;
        }
        String value = Names.display(node.stringValue());
        if (value.length() > Names.MAX_LENGTH) {
            violations.add(new FieldViolation(name, "must have at most 255 characters", "max-length"));
            return null;
        }
        return value;
    }

    private static @Nullable LocalDate deadline(ObjectNode body, List<FieldViolation> violations) {
        String name = name(body, DEADLINE);
        JsonNode node = body.get(name);
        LocalDate deadline = node.isString() ? FieldDates.deadline(node.stringValue()) : null;
        if (deadline == null) {
            violations.add(new FieldViolation(name, "must be a valid date (yyyy-MM-dd or dd/MM/yyyy)", "date"));
        }
        return deadline;
    }

    private static FieldDates.@Nullable Visit visit(ObjectNode body, LocalDate today, List<FieldViolation> violations) {
        String name = name(body, VISIT);
        JsonNode node = body.get(name);
        if (node.isNull()) {
            return new FieldDates.NotVisited();
        }
        if (!node.isString()) {
            violations.add(new FieldViolation(name, "must be a date-time text or null", "date-time"));
            return null;
        }
        VisitResult result = FieldDates.visit(node.stringValue(), today);
        if (result.problem() == FieldDates.Problem.FUTURE) {
            violations.add(new FieldViolation(name, "must not be after today", "future"));
            return null;
        }
        if (result.problem() != null) {
            violations.add(new FieldViolation(name, "must be a valid date or date-time (ISO or dd/MM/yyyy HH:mm[:ss]) or null", "date-time"));
            return null;
        }
        return result.visit();
    }
}
