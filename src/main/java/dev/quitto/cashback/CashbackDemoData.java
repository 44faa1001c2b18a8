package dev.quitto.cashback;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.UserSummary;
import dev.quitto.platform.security.Users;
import dev.quitto.platform.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile: a few sales of the demo ERP account {@code user}, sold yesterday (the challenge's sample, the seed's
 * fixtures re-priced, a 0.00 cashback), posted through the same intake as the API so the dispatcher delivers them
 * to the simulator. Runs only while {@code user} has no sale, so a restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "quitto.demo.enabled", havingValue = "true")
class CashbackDemoData {

    private static final Logger log = LoggerFactory.getLogger(CashbackDemoData.class);
    private static final DateTimeFormatter SEED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final Users users;
    private final Sales sales;
    private final JdbcClient jdbc;
    private final Clock clock;

    CashbackDemoData(Users users, Sales sales, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.sales = sales;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        Optional<UserSummary> user = users.findByLogin("user");
        if (user.isEmpty() || jdbc.sql("select count(*) from cashback_sale where client_user_id = :id").param("id", user.get().id())
                .query(Long.class).single() > 0) {
            return;
        }
        CurrentUser erp = new CurrentUser(user.get().id(), "user", user.get().roles());
        LocalDateTime yesterday = BusinessTime.today(clock).minusDays(1).atTime(10, 0);
        List<String> bodies = List.of(
                sale(yesterday, "79336512404", "100.00", "{\"type\":\"A\",\"value\":\"10.00\",\"qty\":1},{\"type\":\"B\",\"value\":\"10.00\",\"qty\":9}"),
                sale(yesterday.plusHours(1), "23534104056", "350.00", "{\"type\":\"A\",\"value\":\"100.00\",\"qty\":1},{\"type\":\"B\",\"value\":\"50.00\",\"qty\":5}"),
                sale(yesterday.plusHours(2), "07268305001", "450.00", "{\"type\":\"B\",\"value\":\"150.00\",\"qty\":1},{\"type\":\"C\",\"value\":\"100.00\",\"qty\":3}"),
                sale(yesterday.plusHours(3), "53824051079", "0.09", "{\"type\":\"A\",\"value\":\"0.09\",\"qty\":1}"));
        for (String body : bodies) {
            sales.accept(erp, SaleReader.parse("application/json", body), body);
        }
        log.info("Cashback demo: {} sales of 'user' posted", bodies.size());
    }

    private static String sale(LocalDateTime soldAt, String document, String total, String products) {
        return "{\"sold_at\":\"" + SEED.format(soldAt) + "\",\"customer\":{\"document\":\"" + document + "\",\"name\":\"CLIENTE DEMO\"},\"total\":\""
                + total + "\",\"products\":[" + products + "]}";
    }
}
