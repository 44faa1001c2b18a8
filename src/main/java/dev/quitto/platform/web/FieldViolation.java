package dev.quitto.platform.web;

/** One failed rule of a request: the field's JSON path ({@code customer.document}, {@code products[0].qty}). */
public record FieldViolation(String field, String message, String code) {
}
