package dev.quitto.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import java.sql.SQLException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints that exercise the platform's error handling the way module endpoints will. */
@RestController
class ProbeController {

    enum Colour { RED, GREEN }

    record Line(@NotNull @Min(1) Integer qty, @NotNull BigDecimal value) {
    }

    record Order(@NotBlank String customer, @NotNull Colour colour, @NotNull LocalDate dueDate, @NotNull @Valid List<Line> lines) {
    }

    @PostMapping(path = "/api/v1/probe/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@Valid @RequestBody Order order) {
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("customer", order.customer(), "lines", order.lines().size()));
    }

    @GetMapping("/api/v1/probe/orders/{id}")
    Map<String, Object> find(@PathVariable java.util.UUID id, @RequestParam(defaultValue = "1") int page) {
        throw new Refusal(HttpStatus.NOT_FOUND, "order-not-found", "Order " + id + " does not exist.", Map.of("orderId", id.toString()));
    }

    @GetMapping("/api/v1/probe/boom")
    Map<String, Object> boom() {
        throw new IllegalStateException("a bug, with internals nobody outside should see");
    }

    @GetMapping("/api/v1/probe/database-down")
    Map<String, Object> databaseDown() {
        throw new CannotGetJdbcConnectionException("Connection refused");
    }

    /** What a transaction meets when the database drops its connection: the statement fails, then the rollback. */
    @GetMapping("/api/v1/probe/connection-dropped")
    Map<String, Object> connectionDropped() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed", "08003"));
        rollback.initApplicationException(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        throw rollback;
    }
}
