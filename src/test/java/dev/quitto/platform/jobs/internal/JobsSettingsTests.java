package dev.quitto.platform.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobsSettingsTests {

    private final JobsSettings.EventResubmission settings = new JobsSettings.EventResubmission("0 * * * * *", Duration.ofMinutes(1),
            Duration.ofMinutes(1), Duration.ofMinutes(10), 8, 100, Duration.ofMinutes(15), Duration.ofDays(7));

    @ParameterizedTest(name = "after {0} attempts wait {1} minutes")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 10", "7, 10"})
    void doublesTheWaitAfterEachAttemptUpToTheMaximum(int attempts, long minutes) {
        assertThat(settings.backoffAfter(attempts)).isEqualTo(Duration.ofMinutes(minutes));
    }
}
