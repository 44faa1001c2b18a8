package dev.quitto.platform.web;

import java.util.ArrayList;
import org.apache.tomcat.util.http.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error leaves the service through here, as RFC 9457 problem+json: refusals from modules, bad input
 * found by Spring MVC, Jackson or Bean Validation, and the unexpected (logged, answered 500 without details).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refusal(Refusal refusal) {
        ProblemDetail problem = Problems.problem(refusal.status(), refusal.code(), refusal.getMessage());
        refusal.properties().forEach(problem::setProperty);
        if (refusal instanceof InvalidInput invalid) {
            problem.setProperty("errors", invalid.violations());
        }
        return ResponseEntity.status(refusal.status()).body(problem);
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLarge tooLarge) {
        return tooLarge(tooLarge.limit());
    }

    /**
     * A query string (or form body) that is not percent-encoded UTF-8, which the servlet container reports only when
     * a parameter is first read, or a parameter name the request firewall refuses: bad input, not a server error.
     */
    @ExceptionHandler({InvalidParameterException.class, RequestRejectedException.class})
    ResponseEntity<ProblemDetail> unreadableParameters(Exception e) {
        var violation = new FieldViolation("parameters", "are not well-formed percent-encoded UTF-8 names and values", "malformed");
        return ResponseEntity.badRequest().body(Problems.invalid(List.of(violation), "The request's parameters cannot be read."));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .body(DatabaseUnavailable.problem());
    }

    /** A bug, unless the database is what failed underneath (a dropped connection fails the statement, then the rollback). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.explains(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.INTERNAL_ERROR,
                        "An unexpected error occurred; quote the traceId when reporting it."));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        BodyTooLarge tooLarge = causeOf(ex, BodyTooLarge.class);
        if (tooLarge != null) {
            return asObject(tooLarge(tooLarge.limit()));
        }
        ProblemDetail problem = unreadable(ex);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ObjectError error : ex.getBindingResult().getAllErrors()) {
            String field = error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
            violations.add(new FieldViolation(field, String.valueOf(error.getDefaultMessage()), ruleCode(error.getCode())));
        }
        return handleExceptionInternal(ex, Problems.invalid(violations, summary(violations)), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                                    HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> violations.add(
                new FieldViolation(parameterName(result.getMethodParameter()), String.valueOf(error.getDefaultMessage()),
                        ruleCode(error.getCodes() == null || error.getCodes().length == 0 ? null : error.getCodes()[error.getCodes().length - 1])))));
        return handleExceptionInternal(ex, Problems.invalid(violations, summary(violations)), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex, HttpHeaders headers,
                                                                                  HttpStatusCode status, WebRequest request) {
        var violation = new FieldViolation(ex.getParameterName(), "is required", "required");
        return handleExceptionInternal(ex, Problems.invalid(List.of(violation), summary(List.of(violation))), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex, HttpHeaders headers,
                                                                HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : String.valueOf(ex.getPropertyName());
        var violation = new FieldViolation(name, "has the wrong format: " + quoted(ex.getValue()), "wrong-type");
        return handleExceptionInternal(ex, Problems.invalid(List.of(violation), summary(List.of(violation))), headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException ex) {
        var violation = new FieldViolation(ex.getHeaderName(), "header is required", "required");
        return ResponseEntity.badRequest().body(Problems.invalid(List.of(violation), summary(List.of(violation))));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex, HttpHeaders headers,
                                                                                  HttpStatusCode status, WebRequest request) {
        return asObject(tooLarge(ex.getMaxUploadSize()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(MultipartException ex) {
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY,
                "The multipart body cannot be read: " + ex.getMostSpecificCause().getMessage()));
    }

    /** Gives Spring's own problems (405, 415, 404, ...) the Quitto members. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            Problems.decorate(problem, codeFor(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ProblemCodes.MALFORMED_BODY;
            case 404 -> ProblemCodes.NOT_FOUND;
            case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCodes.NOT_ACCEPTABLE;
            case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemCodes.UNAVAILABLE;
            default -> status.is5xxServerError() ? ProblemCodes.INTERNAL_ERROR : "http-" + status.value();
        };
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        if (causeOf(ex, JacksonException.class) == null) {
            return Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "The request body is missing or cannot be read.");
        }
        JacksonException jackson = causeOf(ex, JacksonException.class);
        String field = path(jackson);
        if (jackson instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
            return violation(field, "must be one of " + allowed + ", got " + quoted(invalid.getValue()), "invalid-value");
        }
        if (jackson instanceof InvalidFormatException invalid) {
            return violation(field, "has the wrong format for " + typeName(invalid.getTargetType()) + ": " + quoted(invalid.getValue()), "wrong-type");
        }
        if (jackson instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause() == null ? instantiation : instantiation.getCause();
            return violation(field.isEmpty() ? "body" : field, String.valueOf(cause.getMessage()), "invalid-value");
        }
        if (jackson instanceof MismatchedInputException mismatch && !field.isEmpty()) {
            return violation(field, "has the wrong type, expected " + typeName(mismatch.getTargetType()), "wrong-type");
        }
        if (jackson instanceof StreamReadException read && read.getLocation() != null) {
            return Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "The body is not valid JSON (line "
                    + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr() + ").");
        }
        return Problems.problem(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "The body is not the JSON this endpoint expects: "
                + jackson.getOriginalMessage());
    }

    private static ProblemDetail violation(String field, String message, String code) {
        var violation = new FieldViolation(field, message, code);
        return Problems.invalid(List.of(violation), summary(List.of(violation)));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private ResponseEntity<ProblemDetail> tooLarge(long limit) {
        String detail = limit > 0 ? "The request body is larger than the limit of " + limit + " bytes." : "The request body is too large.";
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Problems.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemCodes.PAYLOAD_TOO_LARGE, detail));
    }

    private static String summary(List<FieldViolation> violations) {
        return violations.isEmpty() ? "The request is invalid."
                : violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }

    private static String ruleCode(@Nullable String constraint) {
        if (constraint == null) {
            return "invalid-value";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            default -> constraint.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        };
    }

    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name == null ? "parameter" + parameter.getParameterIndex() : name;
    }

    private static String typeName(@Nullable Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.getName().startsWith("java.time")) {
            return "a date or time (" + type.getSimpleName() + ")";
        }
        return "an object";
    }

    private static String quoted(@Nullable Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static <T extends Throwable> @Nullable T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
