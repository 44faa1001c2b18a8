package dev.quitto.platform.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mail throttle on a ticker this test moves: elapsed throttle time, never wall-clock time. */
class TokenBucketTests {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void handsOutFiftyTokensAtTenASecondOverAtLeastFourPointNineSeconds() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(10, ticker);

        List<Long> takenAt = takeInBatchesOfFifty(bucket, 50);

        assertThat(Duration.ofNanos(takenAt.getLast() - takenAt.getFirst())).isGreaterThanOrEqualTo(Duration.ofMillis(4900));
    }

    @Test
    void letsAtMostATenthOfASecondsWorthGoAtOnceAfterAnIdleSpell() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1000, ticker);
        ticker.await(this, Duration.ofSeconds(30).toNanos());

        int burst = bucket.take(1000, () -> true);

        assertThat(burst).isEqualTo(100);
    }

    @Test
    void givesBackUnusedTokensForTheNextTake() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(100, ticker);

        int taken = bucket.take(50, () -> true);
        bucket.giveBack(taken);
        long before = ticker.read();

        assertThat(bucket.take(50, () -> true)).isEqualTo(10);
        assertThat(ticker.read()).isEqualTo(before);
    }

    /** As the dispatcher takes them: up to a batch at a time, each token stamped with the ticker's time. */
    private List<Long> takeInBatchesOfFifty(TokenBucket bucket, int tokens) throws InterruptedException {
        List<Long> takenAt = new ArrayList<>();
        while (takenAt.size() < tokens) {
            int taken = bucket.take(Math.min(50, tokens - takenAt.size()), () -> true);
            for (int i = 0; i < taken; i++) {
                takenAt.add(ticker.read());
            }
        }
        return takenAt;
    }
}
