package dev.quitto.billing;

import dev.quitto.platform.web.FieldViolation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the debt list as text ({@code ?status=&overdue=&dueFrom=&dueTo=&importId=&governmentId=&hasExcess=&sort=}),
 * read once for the API and the console: either a filter, or every bad value as a violation of its parameter.
 */
record DebtQuery(DebtRepository.Filter filter, List<FieldViolation> violations) {

    static final Set<String> STATUSES = Set.of("OPEN", "PARTIALLY_PAID", "PAID");
    static final String INVALID = "invalid-parameter";

    DebtQuery {
        violations = List.copyOf(violations);
    }

    static DebtQuery read(@Nullable String status, @Nullable String overdue, @Nullable String dueFrom, @Nullable String dueTo,
                          @Nullable String importId, @Nullable String governmentId, @Nullable String hasExcess, @Nullable String sort) {
        List<FieldViolation> violations = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String one : status.split(",")) {
                String value = one.strip().toUpperCase(Locale.ROOT);
                if (!STATUSES.contains(value)) {
                    violations.add(new FieldViolation("status", "must be a comma list of OPEN, PARTIALLY_PAID, PAID", INVALID));
                    break;
                }
                statuses.add(value);
            }
        }
        String sortField = "dueDate";
        boolean descending = false;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(",");
            sortField = parts[0].strip();
            descending = parts.length == 2 && parts[1].strip().equalsIgnoreCase("desc");
            if (!(sortField.equals("dueDate") || sortField.equals("createdAt")) || parts.length > 2
                    || parts.length == 2 && !parts[1].strip().equalsIgnoreCase("desc") && !parts[1].strip().equalsIgnoreCase("asc")) {
                violations.add(new FieldViolation("sort", "must be dueDate or createdAt, optionally followed by ,asc or ,desc", INVALID));
                sortField = "dueDate";
            }
        }
        UUID importUuid = null;
        if (importId != null && !importId.isBlank()) {
            importUuid = uuid(importId.strip());
            if (importUuid == null) {
                violations.add(new FieldViolation("importId", "must be a UUID", INVALID));
            }
        }
        String government = null;
        if (governmentId != null && !governmentId.isBlank()) {
            // Stored governmentIds are normalized (LENIENT is the wider policy), so a filter in any accepted form finds them.
            government = DebtRules.normalizeGovernmentId(governmentId.strip(), BillingSettings.GovernmentIdPolicy.LENIENT);
            if (government == null) {
                violations.add(new FieldViolation("governmentId", "must be 1 to 14 digits or an alphanumeric CNPJ", INVALID));
            }
        }
        Boolean overdueOnly = bool("overdue", overdue, violations);
        LocalDate from = date("dueFrom", dueFrom, violations);
        LocalDate to = date("dueTo", dueTo, violations);
        Boolean excess = bool("hasExcess", hasExcess, violations);
        return new DebtQuery(new DebtRepository.Filter(statuses, overdueOnly, from, to, importUuid,
                government, excess, sortField, descending), violations);
    }

    private static @Nullable UUID uuid(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Boolean bool(String name, @Nullable String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                violations.add(new FieldViolation(name, "must be true or false", INVALID));
                yield null;
            }
        };
    }

    private static @Nullable LocalDate date(String name, @Nullable String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date = DebtRules.isoDate(value.strip());
        if (date == null) {
            violations.add(new FieldViolation(name, "must be a date as yyyy-MM-dd", INVALID));
        }
        return date;
    }
}
