package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldopsRefusals.InvalidParameter;
import dev.quitto.fieldops.FieldopsRefusals.MissingFields;
import dev.quitto.platform.imports.EmptyFile;
import dev.quitto.platform.imports.MissingFile;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.Problems;
import dev.quitto.platform.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of field-ops' controllers as the platform's problem+json; on the seed's paths the body also carries the
 * seed's {@code error} member with the text its tests assert ("Missing required fields", the {@code order_by} list,
 * "No file part", "No selected file", "Empty file").
 */
@RestControllerAdvice(basePackageClasses = SeedProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class SeedProblems {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refusal(Refusal refusal, HttpServletRequest request) {
        ProblemDetail problem = Problems.problem(refusal.status(), refusal.code(), String.valueOf(refusal.getMessage()));
        problem.setInstance(URI.create(request.getRequestURI()));
        refusal.properties().forEach(problem::setProperty);
        if (refusal instanceof InvalidInput invalid) {
            problem.setProperty("errors", invalid.violations());
        }
        if (request.getRequestURI().startsWith(AtendimentoController.BASE)) {
            problem.setProperty("error", seedText(refusal));
        }
        return ResponseEntity.status(refusal.status()).body(problem);
    }

    static String seedText(Refusal refusal) {
        return switch (refusal) {
            case MissingFields missing -> FieldopsRefusals.MISSING_REQUIRED_FIELDS;
            case InvalidParameter invalid when invalid.parameter().equals("order_by") -> AtendimentoController.ORDER_BY_ERROR;
            case MissingFile missing when String.valueOf(missing.getMessage()).startsWith("No selected file") -> "No selected file";
            case MissingFile missing -> "No file part";
            case EmptyFile empty -> "Empty file";
            default -> String.valueOf(refusal.getMessage());
        };
    }
}
