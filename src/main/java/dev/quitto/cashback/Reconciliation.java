package dev.quitto.cashback;

import dev.quitto.platform.time.BusinessTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts and sums of sales by business day (America/Sao_Paulo) and status, with the rejected requests of each day
 * (counted on their {@code receivedAt} day), and the totals of the range.
 */
@Service
class Reconciliation {

    private final SaleRepository rows;

    Reconciliation(SaleRepository rows) {
        this.rows = rows;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> report(LocalDate from, LocalDate to, String basis, String column, @Nullable String clientId) {
        Instant start = from.atStartOfDay(BusinessTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant();
        List<SaleRepository.DayStatus> sums = rows.reconciliation(column, start, end, clientId);
        Map<LocalDate, Long> rejected = rows.rejectionsByDay(start, end, clientId);
        TreeSet<LocalDate> days = new TreeSet<>(rejected.keySet());
        sums.forEach(row -> days.add(row.day()));

        List<Map<String, Object>> dayViews = new ArrayList<>();
        Map<String, Accumulator> totals = new TreeMap<>();
        long totalRejected = 0;
        for (LocalDate day : days) {
            Map<String, CashbackController.Sums> statuses = new TreeMap<>();
            for (SaleRepository.DayStatus row : sums) {
                if (row.day().equals(day)) {
                    statuses.put(row.status(), CashbackController.Sums.of(row.count(), row.total(), row.cashback()));
                    totals.computeIfAbsent(row.status(), k -> new Accumulator()).add(row);
                }
            }
            long dayRejected = rejected.getOrDefault(day, 0L);
            totalRejected += dayRejected;
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("date", day.toString());
            view.put("statuses", statuses);
            view.put("rejected", dayRejected);
            dayViews.add(view);
        }
        Map<String, CashbackController.Sums> totalStatuses = new TreeMap<>();
        totals.forEach((status, acc) -> totalStatuses.put(status, CashbackController.Sums.of(acc.count, acc.total, acc.cashback)));
        Map<String, Object> totalView = new LinkedHashMap<>();
        totalView.put("statuses", totalStatuses);
        totalView.put("rejected", totalRejected);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", from.toString());
        report.put("to", to.toString());
        report.put("basis", basis);
        report.put("zone", BusinessTime.ZONE.getId());
        report.put("days", dayViews);
        report.put("totals", totalView);
        return report;
    }

    private static final class Accumulator {
        long count;
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal cashback = BigDecimal.ZERO;

        void add(SaleRepository.DayStatus row) {
            count += row.count();
            total = total.add(row.total());
            cashback = cashback.add(row.cashback());
        }
    }
}
