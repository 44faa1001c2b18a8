package dev.quitto.platform.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BasicCredentialCacheTests {

    private final TestClock clock = new TestClock();
    private final BasicCredentialCache cache = new BasicCredentialCache(clock);

    @Test
    void remembersASuccessForFiveMinutes() {
        cache.remember("Basic dXNlcjpwYXNzd29yZA==", 7);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));

        assertThat(cache.userId("Basic dXNlcjpwYXNzd29yZA==")).hasValue(7);
    }

    @Test
    void forgetsASuccessAfterFiveMinutes() {
        cache.remember("Basic dXNlcjpwYXNzd29yZA==", 7);
        clock.advance(Duration.ofMinutes(5));

        assertThat(cache.userId("Basic dXNlcjpwYXNzd29yZA==")).isEmpty();
    }

    @Test
    void knowsNothingOfAnotherHeaderValue() {
        cache.remember("Basic dXNlcjpwYXNzd29yZA==", 7);

        assertThat(cache.userId("Basic dXNlcjp3cm9uZw==")).isEmpty();
    }

    @Test
    void forgetsEveryEntryOfAUser() {
        cache.remember("Basic YTpi", 7);
        cache.remember("Basic YTpj", 7);
        cache.remember("Basic Yjpj", 8);

        cache.forgetUser(7);

        assertThat(cache.userId("Basic YTpi")).isEmpty();
        assertThat(cache.userId("Basic YTpj")).isEmpty();
        assertThat(cache.userId("Basic Yjpj")).hasValue(8);
    }

    @Test
    void staysBoundedWhenFull() {
        for (int i = 0; i <= BasicCredentialCache.MAX_ENTRIES; i++) {
            cache.remember("Basic " + i, i);
        }

        assertThat(cache.userId("Basic " + BasicCredentialCache.MAX_ENTRIES)).hasValue(BasicCredentialCache.MAX_ENTRIES);
        assertThat(cache.userId("Basic 0")).isEmpty();
    }
}
