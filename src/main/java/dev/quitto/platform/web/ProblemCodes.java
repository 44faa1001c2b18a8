package dev.quitto.platform.web;

/** The platform's problem codes; modules add their own (kebab-case, as their specs name them). */
public final class ProblemCodes {

    public static final String TYPE_PREFIX = "urn:quitto:problem:";

    public static final String MALFORMED_BODY = "malformed-body";
    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_FOUND = "not-found";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String TOO_MANY_REQUESTS = "too-many-requests";
    public static final String CONFLICT = "conflict";
    public static final String INVALID_IDEMPOTENCY_KEY = "invalid-idempotency-key";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused";
    public static final String IDEMPOTENCY_REQUEST_IN_PROGRESS = "idempotency-request-in-progress";
    public static final String UNAVAILABLE = "unavailable";
    public static final String INTERNAL_ERROR = "internal-error";

    private ProblemCodes() {
    }
}
