package dev.quitto.anticipation.anticipation;

/** A request as an action left it, with the supplier its e-mail goes to: read back by the statement that wrote it. */
record RequestWithSupplier(Anticipation anticipation, String supplierName, long supplierUserId) {
}
