package dev.quitto.platform.delivery;

import dev.quitto.platform.delivery.internal.DeliveryRepository;
import dev.quitto.platform.delivery.internal.DeliverySettings;
import dev.quitto.platform.delivery.internal.DeliveryWorker;
import dev.quitto.platform.ids.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's outbound deliveries, as modules use them: enqueue a call in the transaction of the business change
 * it belongs to, read deliveries and their attempts, retry dead ones. Outcomes arrive as {@link DeliverySucceeded}
 * and {@link DeliveryDied} events.
 */
@Service
public class Deliveries {

    private final DeliveryRepository rows;
    private final DeliverySettings settings;
    private final DeliveryWorker worker;
    private final IdGenerator ids;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionSynchronization wakeWorkerAfterCommit;

    Deliveries(DeliveryRepository rows, DeliverySettings settings, DeliveryWorker worker, IdGenerator ids, JsonMapper json, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.worker = worker;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
        this.wakeWorkerAfterCommit = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                worker.wake();
            }
        };
    }

    /**
     * Records the call in the caller's transaction (there must be one: the call and the business change commit or roll
     * back together) and wakes this instance's worker once it commits. A second enqueue with the same destination and
     * business key keeps the first delivery and returns its id.
     *
     * @throws IllegalArgumentException for a destination that is not configured, or a relative target of a destination
     *                                  without a base URL
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(OutboundDelivery delivery) {
        DeliverySettings.Destination destination = settings.find(delivery.destination()).orElseThrow(() -> new IllegalArgumentException(
                "No destination '" + delivery.destination() + "' is configured (quitto.delivery.destinations." + delivery.destination() + ")"));
        if (!delivery.hasAbsoluteTarget() && (destination.baseUrl() == null || destination.baseUrl().isBlank())) {
            throw new IllegalArgumentException("Destination '" + delivery.destination() + "' has no base-url for the relative target '"
                    + delivery.target() + "'");
        }
        Instant now = clock.instant();
        String payload = delivery.payload() == null ? null : json.writeValueAsString(delivery.payload());
        UUID id = rows.insertOrFind(ids.newId(), delivery, payload, now, now.plus(destination.maxAge()));
        TransactionSynchronizationManager.registerSynchronization(wakeWorkerAfterCommit);
        return id;
    }

    @Transactional(readOnly = true)
    public Optional<Delivery> find(UUID id) {
        return rows.find(id, clock.instant());
    }

    @Transactional(readOnly = true)
    public Optional<Delivery> findByBusinessKey(String destination, String businessKey) {
        return rows.findByBusinessKey(destination, businessKey, clock.instant());
    }

    /** Every stored attempt of the delivery, first to last (attempt rows are kept for the attempt retention). */
    @Transactional(readOnly = true)
    public List<DeliveryAttempt> attempts(UUID id) {
        return rows.attempts(id);
    }

    /** Deliveries matching every given filter, newest first. */
    @Transactional(readOnly = true)
    public DeliveryPage list(@Nullable DeliveryState state, @Nullable String destination, @Nullable DeadReason deadReason, int limit, long offset) {
        return rows.list(state, destination, deadReason, limit, offset, clock.instant());
    }

    /**
     * Sends a DEAD delivery again: PENDING, due now, a new give-up time ({@code max-age} from now) and a new attempt
     * cycle; attempt numbers go on increasing. A PENDING delivery is left as it is.
     *
     * @throws DeliveryNotFound     for an unknown id
     * @throws DeliveryNotRetryable for a DELIVERED delivery, which is never sent again
     */
    @Transactional
    public Delivery retry(UUID id) {
        Instant now = clock.instant();
        Delivery delivery = rows.lock(id, now).orElseThrow(() -> new DeliveryNotFound(id));
        return switch (delivery.state()) {
            case DELIVERED -> throw new DeliveryNotRetryable(id, delivery.state());
            case PENDING -> delivery;
            case DEAD -> {
                rows.rearm(id, now, now.plus(settings.destination(delivery.destination()).maxAge()));
                TransactionSynchronizationManager.registerSynchronization(wakeWorkerAfterCommit);
                yield rows.find(id, now).orElseThrow(() -> new DeliveryNotFound(id));
            }
        };
    }

    /** Sends every DEAD delivery of the destination again (only those of one reason, when given); returns how many. */
    @Transactional
    public int retryAll(String destination, @Nullable DeadReason deadReason) {
        Instant now = clock.instant();
        int count = rows.rearmAll(destination, deadReason, now, now.plus(settings.destination(destination).maxAge()));
        if (count > 0) {
            TransactionSynchronizationManager.registerSynchronization(wakeWorkerAfterCommit);
        }
        return count;
    }
}
