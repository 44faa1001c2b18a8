package dev.quitto.cashback;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Versioned cashback rates (cashback.md 4.4): every change is a new immutable version; a sale records the version it
 * was priced with. Version 1 comes from {@code quitto.cashback.rates} on first start; afterwards only the database counts.
 */
@Service
class Rates {

    private static final Logger log = LoggerFactory.getLogger(Rates.class);
    private static final Pattern TYPE = Pattern.compile("[A-Z0-9]{1,10}");
    private static final Pattern PERCENT = Pattern.compile("\\d+(\\.\\d+)?");
    static final int MAX_TYPES = 50;

    private final RateRepository rows;
    private final CashbackSettings settings;
    private final Clock clock;

    Rates(RateRepository rows, CashbackSettings settings, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Transactional
    public void createFirstVersion() {
        rows.lockVersions();
        if (rows.current().isEmpty()) {
            Map<String, BigDecimal> initial = new LinkedHashMap<>();
            settings.rates().forEach((type, percent) -> initial.put(type.toUpperCase(Locale.ROOT), percent.setScale(2)));
            rows.insert(1, clock.instant(), "system", "from quitto.cashback.rates", initial);
            log.info("Cashback rate version 1 created from configuration: {}", initial);
        }
    }

    @Transactional(readOnly = true)
    public RateVersion current() {
        return rows.current().orElseThrow(() -> new IllegalStateException("No cashback rate version exists"));
    }

    @Transactional(readOnly = true)
    public List<RateVersion> history() {
        return rows.all();
    }

    /**
     * Replaces the whole set: a new version when anything changes, the current one when nothing does.
     *
     * @param ifMatch the version the caller read ({@code If-Match}); 412 when it is no longer current
     */
    @Transactional
    public Replaced replace(CurrentUser caller, JsonNode body, @Nullable Integer ifMatch) {
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, BigDecimal> rates = read(body, violations);
        JsonNode noteNode = body.get("note");
        String note = noteNode == null || noteNode.isNull() ? null : noteNode.isString() ? noteNode.asString() : null;
        if (noteNode != null && !noteNode.isNull() && (!noteNode.isString() || noteNode.asString().length() > 500)) {
            violations.add(new FieldViolation("note", "must be a text of at most 500 characters", "INVALID_NOTE"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        rows.lockVersions();
        RateVersion current = current();
        if (ifMatch != null && ifMatch != current.version()) {
            throw new StaleRates(ifMatch, current.version());
        }
        if (current.sameRates(rates)) {
            return new Replaced(current, false);
        }
        return new Replaced(rows.insert(current.version() + 1, clock.instant(), caller.login(), note, rates), true);
    }

    private static Map<String, BigDecimal> read(JsonNode body, List<FieldViolation> violations) {
        JsonNode node = body.get("rates");
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            violations.add(new FieldViolation("rates", "must be an object of 1 to " + MAX_TYPES + " product types and their percents", "REQUIRED"));
            return rates;
        }
        if (node.size() > MAX_TYPES) {
            violations.add(new FieldViolation("rates", "must hold at most " + MAX_TYPES + " product types", "TOO_MANY_TYPES"));
            return rates;
        }
        for (var entry : node.properties()) {
            String type = entry.getKey().strip().toUpperCase(Locale.ROOT);
            String field = "rates." + entry.getKey();
            if (!TYPE.matcher(type).matches()) {
                violations.add(new FieldViolation(field, "a product type is 1 to 10 letters or digits", "INVALID_TYPE"));
                continue;
            }
            BigDecimal percent = percent(entry.getValue());
            if (percent == null || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                violations.add(new FieldViolation(field, "must be a percent from 0 to 100", "INVALID_PERCENT"));
            } else if (percent.stripTrailingZeros().scale() > 2) {
                violations.add(new FieldViolation(field, "must have at most 2 decimals", "TOO_MANY_DECIMALS"));
            } else if (rates.put(type, percent.setScale(2, java.math.RoundingMode.UNNECESSARY)) != null) {
                violations.add(new FieldViolation(field, "is given twice", "DUPLICATE_TYPE"));
            }
        }
        return rates;
    }

    private static @Nullable BigDecimal percent(JsonNode node) {
        if (node.isString() && PERCENT.matcher(node.asString()).matches()) {
            return new BigDecimal(node.asString());
        }
        if (node.isIntegralNumber() && node.bigIntegerValue().signum() >= 0) {
            return new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber() && !node.isIntegralNumber() && node.decimalValue().signum() >= 0 && node.decimalValue().scale() >= 0) {
            return node.decimalValue();
        }
        return null;
    }

    record Replaced(RateVersion version, boolean created) {
    }
}
