package dev.quitto.platform.web;

import dev.quitto.platform.web.IdempotencyRecords.Claim;
import dev.quitto.platform.web.IdempotencyRecords.KeyRecord;
import dev.quitto.platform.web.IdempotencyRecords.StoredResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * {@code Idempotency-Key} for every POST that carries one, run after Spring Security so the caller is known.
 * The key is scoped to the caller (principal name, or {@code anonymous}); the request is identified by the
 * SHA-256 of its method, path with query, and body. The first request claims the key, runs, and its response
 * (status below 500) is stored for {@link IdempotencySettings#ttl}; a 5xx or an exception gives the key up so
 * the client can retry. A repeat with the same request gets the stored response with
 * {@code Idempotent-Replayed: true}, waiting up to {@link IdempotencySettings#waitForFirst} while the first still runs
 * (409 after that); the same key on a different request is refused with 422.
 * <p>
 * Requests without the header, streamed uploads ({@code quitto.web.upload-paths}) and multipart bodies (which
 * the container parses from its own stream) pass through untouched.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String ANONYMOUS = "anonymous";

    /** The headers of a response worth replaying; the rest (request id, dates) belong to each answer. */
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final String CLAIM_ATTRIBUTE = IdempotencyFilter.class.getName() + ".claim";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyRecords records;
    private final IdempotencySettings settings;
    private final WebSettings web;
    private final Problems problems;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicInteger waiting = new AtomicInteger();

    IdempotencyFilter(IdempotencyRecords records, IdempotencySettings settings, WebSettings web, Problems problems, Clock clock,
                      MeterRegistry meters) {
        this.records = records;
        this.settings = settings;
        this.web = web;
        this.problems = problems;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("quitto.web.idempotency.waiting", waiting, AtomicInteger::get)
                .description("Requests waiting for the first request with their Idempotency-Key to finish")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                || web.isUpload(request)
                || settings.handlesOwnKeys(request)
                || isMultipart(request)
                || issuesCredentials(request);
    }

    /** Token responses are credentials: never stored, so a key on a login is ignored. */
    private static boolean issuesCredentials(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/token");
    }

    /** A claimed request that went asynchronous finishes on its async dispatch, where its response is stored. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            resume(request, response, chain);
            return;
        }
        Optional<String> invalid = invalidKey(request);
        if (invalid.isPresent()) {
            count("invalid-key");
            problems.write(request, response, invalidKeyProblem(invalid.get()));
            return;
        }
        byte[] body;
        try {
            body = isForm(request) ? formBody(request) : request.getInputStream().readAllBytes();
        } catch (BodyTooLarge tooLarge) {
            problems.write(request, response, Problems.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemCodes.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the limit of " + tooLarge.limit() + " bytes."));
            return;
        }
        Claim wanted = new Claim(scope(request), request.getHeader(HEADER),
                fingerprint(request.getMethod(), target(request), body), UUID.randomUUID());
        Admission admission;
        try {
            admission = admit(wanted);
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            log.warn("Database unavailable for an Idempotency-Key: {}", e.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.UNAVAILABLE,
                    "The database is unavailable; try again shortly."));
            return;
        }
        switch (admission) {
            case First first -> {
                count("first");
                HttpServletRequest downstream = isForm(request) ? request : new CachedBodyRequest(request, body);
                CapturedResponse captured = new CapturedResponse(response);
                run(first.claim(), downstream, captured, captured, chain);
            }
            case Replay replay -> {
                count("replayed");
                replay(replay.response(), response);
            }
            case KeyReused reused -> {
                count("key-reused");
                problems.write(request, response, Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCodes.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was already used with a different request."));
            }
            case StillRunning running -> {
                count("in-progress");
                response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                problems.write(request, response, Problems.problem(HttpStatus.CONFLICT, ProblemCodes.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                        "The first request with this Idempotency-Key is still running; retry shortly to get its response."));
            }
        }
    }

    /**
     * Claims the key, or finds what the first request with it left: its response, a different request, or a
     * request still running. Then it polls with a growing pause on the request's own thread (virtual, so a waiting
     * repeat holds no platform thread) until {@code waitForFirst} has passed on the injected clock.
     */
    private Admission admit(Claim wanted) {
        Instant deadline = clock.instant().plus(settings.waitForFirst());
        Duration pause = FIRST_PAUSE;
        boolean counted = false;
        try {
            while (true) {
                if (records.claim(wanted)) {
                    return new First(wanted);
                }
                Optional<KeyRecord> held = records.find(wanted.scope(), wanted.key());
                if (held.isEmpty()) {
                    continue; // given up or expired between the two statements: claim again
                }
                if (!held.get().fingerprint().equals(wanted.fingerprint())) {
                    return new KeyReused();
                }
                StoredResponse response = held.get().response();
                if (response != null) {
                    return new Replay(response);
                }
                if (!clock.instant().isBefore(deadline)) {
                    return new StillRunning();
                }
                if (!counted) {
                    waiting.incrementAndGet();
                    counted = true;
                }
                Thread.sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StillRunning();
        } finally {
            if (counted) {
                waiting.decrementAndGet();
            }
        }
    }

    /**
     * Runs the claimed request; stores its response, or gives the key up on a 5xx or an exception. When the
     * handler went asynchronous the claim waits on the request for the async dispatch that completes it.
     */
    private void run(Claim claim, HttpServletRequest request, HttpServletResponse response, CapturedResponse captured,
                     FilterChain chain) throws ServletException, IOException {
        boolean returned = false;
        try {
            chain.doFilter(request, response);
            returned = true;
        } finally {
            if (!returned) {
                release(claim);
            }
        }
        if (isAsyncStarted(request)) {
            request.setAttribute(CLAIM_ATTRIBUTE, claim);
            return;
        }
        if (captured.getStatus() >= 500 || captured.errorSent()) {
            release(claim);
        } else {
            store(claim, captured.stored());
        }
        captured.copyBodyToResponse();
    }

    private void resume(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CapturedResponse captured = WebUtils.getNativeResponse(response, CapturedResponse.class);
        if (request.getAttribute(CLAIM_ATTRIBUTE) instanceof Claim claim && captured != null) {
            request.removeAttribute(CLAIM_ATTRIBUTE);
            run(claim, request, response, captured, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    /**
     * The request already had its effect, so its client gets the response even when storing it fails; repeats
     * then wait for the claim's lease to run out.
     */
    private void store(Claim claim, StoredResponse response) {
        try {
            if (!records.complete(claim, response)) {
                log.warn("The Idempotency-Key claim of this request was taken over after its lease ran out; its response is not stored");
            }
        } catch (DataAccessException e) {
            log.warn("Could not store the response of an Idempotency-Key request; repeats wait for its lease to end: {}", e.getMessage());
        }
    }

    private void release(Claim claim) {
        try {
            records.release(claim);
        } catch (DataAccessException e) {
            log.warn("Could not give up an Idempotency-Key after a failed request; it frees when its lease ends: {}", e.getMessage());
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
    }

    private void count(String outcome) {
        meters.counter("quitto.web.idempotency.requests", "outcome", outcome).increment();
    }

    /** The reason the key is unusable, if it is: given more than once, empty, too long, or not printable ASCII. */
    private static Optional<String> invalidKey(HttpServletRequest request) {
        if (Collections.list(request.getHeaders(HEADER)).size() > 1) {
            return Optional.of("must be given once");
        }
        if (!VALID_KEY.matcher(request.getHeader(HEADER)).matches()) {
            return Optional.of("must be 1 to 255 printable ASCII characters");
        }
        return Optional.empty();
    }

    private static ProblemDetail invalidKeyProblem(String reason) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_IDEMPOTENCY_KEY, HEADER + " " + reason);
        problem.setProperty("errors", List.of(new FieldViolation(HEADER, reason, ProblemCodes.INVALID_IDEMPOTENCY_KEY)));
        return problem;
    }

    private static String scope(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? ANONYMOUS : principal.getName();
    }

    private static String target(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    /** SHA-256 (hex) of the method, the path with its query and the body bytes. */
    static String fingerprint(String method, String target, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
        sha256.update(method.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) '\n');
        sha256.update(target.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(body);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static boolean isMultipart(HttpServletRequest request) {
        return hasType(request, MediaType.MULTIPART_FORM_DATA) || hasType(request, MediaType.MULTIPART_MIXED);
    }

    /** The container parses a form body itself, so its parameters stand for the body and it is not wrapped. */
    private static boolean isForm(HttpServletRequest request) {
        return hasType(request, MediaType.APPLICATION_FORM_URLENCODED);
    }

    private static boolean hasType(HttpServletRequest request, MediaType type) {
        String contentType = request.getContentType();
        return contentType != null && contentType.regionMatches(true, 0, type.toString(), 0, type.toString().length());
    }

    private static byte[] formBody(HttpServletRequest request) {
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        return parameters.entrySet().stream()
                .flatMap(entry -> Arrays.stream(entry.getValue()).map(value -> encode(entry.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** What the first look at a key decided. */
    private sealed interface Admission permits First, Replay, KeyReused, StillRunning {
    }

    private record First(Claim claim) implements Admission {
    }

    private record Replay(StoredResponse response) implements Admission {
    }

    private record KeyReused() implements Admission {
    }

    private record StillRunning() implements Admission {
    }

    /** Holds the body until the response is stored, then copies it out; notes a {@code sendError}, whose body it never sees. */
    private static final class CapturedResponse extends ContentCachingResponseWrapper {

        private boolean errorSent;

        CapturedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }

        boolean errorSent() {
            return errorSent;
        }

        StoredResponse stored() {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : REPLAYED_HEADERS) {
                @Nullable String value = name.equals(HttpHeaders.CONTENT_TYPE) ? getContentType() : getHeader(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            return new StoredResponse(getStatus(), headers, getContentAsByteArray());
        }
    }
}
