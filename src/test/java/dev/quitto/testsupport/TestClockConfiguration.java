package dev.quitto.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    TestClock clock() {
        return new TestClock();
    }
}
