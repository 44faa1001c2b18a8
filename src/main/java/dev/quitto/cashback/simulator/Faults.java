package dev.quitto.cashback.simulator;

import java.math.BigDecimal;

/**
 * What the simulator does wrong. Rates are probabilities 0..1 drawn from a generator seeded with {@code randomSeed}.
 *
 * @param latencyMs        wait before answering
 * @param jitterMs         extra wait, uniform in [0, jitterMs]
 * @param errorRate        share of calls answered {@code errorStatus}
 * @param rateLimitRate    share of calls answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param quotaFull        answer every call 400 "Max number of elements reached for this resource!"
 * @param idMode           {@code SEQUENCE} ids 1, 2, 3…, or {@code NAN} ({@code "id":"NaN"}, as the challenge's mock did)
 * @param lostReplyRate    share of calls that create the credit and then answer only after {@code lostReplyDelayMs}
 *                         (a reply the caller gives up on)
 */
record Faults(long latencyMs, long jitterMs, BigDecimal errorRate, int errorStatus, BigDecimal rateLimitRate, long retryAfterSeconds,
              boolean quotaFull, String idMode, long randomSeed, BigDecimal lostReplyRate, long lostReplyDelayMs) {

    static final Faults NONE = new Faults(0, 0, BigDecimal.ZERO, 503, BigDecimal.ZERO, 1, false, "SEQUENCE", 42, BigDecimal.ZERO, 6000);
}
