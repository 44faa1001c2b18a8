package dev.quitto.platform.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DeliverySenderTests {

    @Test
    void joinsARelativeTargetToTheBaseUrlWithOneSlash() {
        assertThat(DeliverySender.uri("http://finance:8080/api/v1/", "/finance/records"))
                .isEqualTo(URI.create("http://finance:8080/api/v1/finance/records"));
        assertThat(DeliverySender.uri("http://finance:8080/api/v1", "/finance/records"))
                .isEqualTo(URI.create("http://finance:8080/api/v1/finance/records"));
    }

    @Test
    void sendsAnEmptyTargetToTheBaseUrlItself() {
        assertThat(DeliverySender.uri("http://finance/app/finance/record/", "")).isEqualTo(URI.create("http://finance/app/finance/record/"));
    }

    @Test
    void sendsAnAbsoluteTargetAsItIs() {
        assertThat(DeliverySender.uri("http://ignored", "https://provider.example/v1/cashback")).isEqualTo(URI.create("https://provider.example/v1/cashback"));
    }

    @Test
    void refusesARelativeTargetWithoutABaseUrl() {
        assertThatThrownBy(() -> DeliverySender.uri(null, "/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
