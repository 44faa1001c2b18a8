package dev.quitto.anticipation.anticipation;

/**
 * A request as an action left it, with the supplier its e-mail goes to and the id of the action's log row: read back by
 * the statement that wrote them.
 */
record RequestWithSupplier(Anticipation anticipation, String supplierName, long supplierUserId, long logId) {
}
