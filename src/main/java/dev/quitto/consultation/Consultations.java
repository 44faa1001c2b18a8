package dev.quitto.consultation;

import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.Delivery;
import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting and finishing consultations, for the seed and the canonical paths alike. Finishing is one transaction:
 * the conditional update that prices the consultation and the enqueue of its charge to finance (transactional outbox).
 */
@Service
public class Consultations {

    /** The platform destination charges go to ({@code quitto.delivery.destinations.finance}). */
    public static final String FINANCE = "finance";

    private final ConsultationRepository rows;
    private final Deliveries deliveries;
    private final ConsultationSettings settings;
    private final IdGenerator ids;
    private final Clock clock;

    Consultations(ConsultationRepository rows, Deliveries deliveries, ConsultationSettings settings, IdGenerator ids, Clock clock) {
        this.rows = rows;
        this.deliveries = deliveries;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /** Opens a consultation at the server clock; a patient with an open consultation gets 409 naming it. */
    @Transactional
    Consultation start(UUID physicianId, UUID patientId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = ids.newId();
        return rows.insertOpen(id, physicianId, patientId, now).orElseThrow(() -> {
            UUID open = rows.openOf(patientId).orElseThrow(() -> new IllegalStateException(
                    "The insert for patient " + patientId + " conflicted, yet no open consultation is visible"));
            return new Refusals.PatientHasOpenConsultation(patientId, open);
        });
    }

    /**
     * Finishes an open consultation at {@code requestedEnd} (a client's end date, checked against the start and the
     * server clock) or, without one, at the server clock (never before the start), prices it with the current rate and
     * queues its charge in the same transaction.
     */
    @Transactional
    Consultation finish(UUID id, @Nullable Instant requestedEnd) {
        Instant now = clock.instant();
        Consultation consultation = rows.find(id).orElseThrow(() -> new Refusals.NotFound("Consultation " + id));
        if (consultation.endDate() != null) {
            throw alreadyFinished(consultation);
        }
        Instant end;
        if (requestedEnd == null) {
            end = now.isBefore(consultation.startDate()) ? consultation.startDate() : now.truncatedTo(ChronoUnit.MICROS);
        } else {
            end = requestedEnd.truncatedTo(ChronoUnit.MICROS);
            if (!end.isAfter(consultation.startDate())) {
                throw new Refusals.EndNotAfterStart(consultation.startDate());
            }
            if (end.isAfter(now.plus(settings.futureTolerance()))) {
                throw new Refusals.EndInFuture(now);
            }
        }
        Pricing pricing = Pricing.of(consultation.startDate(), end, new Money(settings.pricePerHour()));
        Consultation finished = rows.finish(id, end, pricing, now).orElseThrow(() -> alreadyFinished(rows.find(id).orElseThrow()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appointment_id", id.toString());
        payload.put("total_price", pricing.price().toString());
        deliveries.enqueue(OutboundDelivery.post(FINANCE, id.toString(), "", payload));
        return finished;
    }

    private static Refusals.ConsultationAlreadyFinished alreadyFinished(Consultation consultation) {
        return new Refusals.ConsultationAlreadyFinished(consultation.id(), java.util.Objects.requireNonNull(consultation.endDate()),
                java.util.Objects.requireNonNull(consultation.price()));
    }

    @Transactional(readOnly = true)
    Consultation get(UUID id) {
        return rows.find(id).orElseThrow(() -> new Refusals.NotFound("Consultation " + id));
    }

    @Transactional(readOnly = true)
    List<Consultation> list(ConsultationRepository.Filter filter, int limit, long offset) {
        return rows.list(filter, limit, offset);
    }

    @Transactional(readOnly = true)
    long count(ConsultationRepository.Filter filter) {
        return rows.count(filter);
    }

    /** The charge of a finished consultation, when one was queued. */
    Optional<Delivery> charge(UUID consultationId) {
        return deliveries.findByBusinessKey(FINANCE, consultationId.toString());
    }

    Instant now() {
        return clock.instant();
    }
}
