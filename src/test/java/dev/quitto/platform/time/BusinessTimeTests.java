package dev.quitto.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BusinessTimeTests {

    @Test
    void todayIsTheSaoPauloDateNotTheUtcOne() {
        Clock lateEvening = Clock.fixed(Instant.parse("2026-11-23T02:30:00Z"), ZoneOffset.UTC);

        assertThat(BusinessTime.today(lateEvening)).isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void readsNaiveTimesInTheBusinessZone() {
        assertThat(BusinessTime.fromLocal(LocalDateTime.of(2021, 8, 2, 10, 0))).isEqualTo(Instant.parse("2021-08-02T13:00:00Z"));
    }

    @Test
    void rendersInstantsWithTheSaoPauloOffset() {
        assertThat(BusinessTime.render(Instant.parse("2026-11-22T15:00:00Z")).toString()).isEqualTo("2026-11-22T12:00-03:00");
    }
}
