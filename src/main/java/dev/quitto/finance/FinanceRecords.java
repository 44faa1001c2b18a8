package dev.quitto.finance;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.web.Refusal;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording financial entries, idempotent on the appointment (spec 4.5): the first record is created; the same
 * appointment with an equal amount (numerically: 200 = 200.00) returns the stored record as a replay; another amount is
 * 409 {@code finance-record-conflict}.
 */
@Service
public class FinanceRecords {

    private final FinanceRecordRepository rows;
    private final IdGenerator ids;
    private final Clock clock;

    FinanceRecords(FinanceRecordRepository rows, IdGenerator ids, Clock clock) {
        this.rows = rows;
        this.ids = ids;
        this.clock = clock;
    }

    /** The stored record and whether it existed before this call. */
    record Recorded(FinanceRecord record, boolean replayed) {
    }

    @Transactional
    Recorded record(UUID appointmentId, BigDecimal totalPrice) {
        var inserted = rows.insert(ids.newId(), appointmentId, totalPrice, clock.instant());
        if (inserted.isPresent()) {
            return new Recorded(inserted.get(), false);
        }
        FinanceRecord stored = rows.findByAppointment(appointmentId).orElseThrow(() -> new IllegalStateException(
                "Appointment " + appointmentId + " conflicted on insert yet has no record"));
        if (stored.totalPrice().compareTo(totalPrice) != 0) {
            throw new RecordConflict(stored, totalPrice);
        }
        return new Recorded(stored, true);
    }

    @Transactional(readOnly = true)
    FinanceRecord get(UUID id) {
        return rows.find(id).orElseThrow(() -> new Refusal(HttpStatus.NOT_FOUND, "not-found", "Finance record " + id + " does not exist."));
    }

    @Transactional(readOnly = true)
    List<FinanceRecord> list(FinanceRecordRepository.Filter filter, int limit, long offset) {
        return rows.list(filter, limit, offset);
    }

    @Transactional(readOnly = true)
    long count(FinanceRecordRepository.Filter filter) {
        return rows.count(filter);
    }

    /** The appointment has a record with another amount: 409 {@code finance-record-conflict}. */
    static final class RecordConflict extends Refusal {
        RecordConflict(FinanceRecord stored, BigDecimal requested) {
            super(HttpStatus.CONFLICT, "finance-record-conflict", "Appointment " + stored.appointmentId() + " is already recorded with "
                            + stored.totalPrice().setScale(2).toPlainString() + ", not " + requested.setScale(2).toPlainString() + ".",
                    Map.of("appointmentId", stored.appointmentId().toString(), "recordId", stored.id().toString(),
                            "existingTotalPrice", stored.totalPrice().setScale(2).toPlainString(),
                            "requestedTotalPrice", requested.setScale(2).toPlainString()));
        }
    }
}
