package dev.quitto.billing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The two billing requests no user makes: the bank's payment webhook (authenticated by its HMAC signature, or open when
 * no secret is configured) and a debtor's signed PDF link without a bearer token (checked by {@link InvoiceLinks}).
 * Everything else goes through the platform's chain.
 */
@Configuration(proxyBeanMethods = false)
class BillingSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    SecurityFilterChain billingWithoutUser(HttpSecurity http) throws Exception {
        RequestMatcher webhook = request -> "POST".equals(request.getMethod())
                && (path(request).equals(BillingPaths.SEED_PAYMENT) || path(request).equals(BillingPaths.PAYMENTS));
        RequestMatcher signedPdf = request -> "GET".equals(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && path(request).startsWith(BillingPaths.INVOICES + "/") && path(request).endsWith(".pdf") && hasSignature(request);
        return http.securityMatcher(request -> webhook.matches(request) || signedPdf.matches(request))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * Whether the query names {@code sig}, read from the raw query string: parsing the parameters here would throw on a
     * malformed query before any error handling exists (a 400 without a problem body); Spring MVC reports it properly later.
     */
    private static boolean hasSignature(HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && Arrays.stream(query.split("&")).anyMatch(pair -> pair.equals("sig") || pair.startsWith("sig="));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
