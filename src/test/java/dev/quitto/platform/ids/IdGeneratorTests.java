package dev.quitto.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdGeneratorTests {

    private static final Instant AT = Instant.parse("2026-11-22T15:00:00.123Z");

    @Test
    void makesVersion7IdsCarryingTheClocksMilliseconds() {
        UUID id = new IdGenerator(Clock.fixed(AT, ZoneOffset.UTC)).newId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
    }

    @Test
    void keepsIdsStrictlyIncreasingWhileTheClockStandsStill() {
        IdGenerator ids = new IdGenerator(Clock.fixed(AT, ZoneOffset.UTC), new SecureRandom());

        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.newId());
        }

        assertThat(made).isSortedAccordingTo(UUID::compareTo).doesNotHaveDuplicates();
        assertThat(new HashSet<>(made)).hasSize(10_000);
    }

    @Test
    void ordersIdsOfALaterMillisecondAfterEarlierOnes() {
        UUID earlier = new IdGenerator(Clock.fixed(AT, ZoneOffset.UTC)).newId();
        UUID later = new IdGenerator(Clock.fixed(AT.plusMillis(1), ZoneOffset.UTC)).newId();

        assertThat(later).isGreaterThan(earlier);
    }
}
