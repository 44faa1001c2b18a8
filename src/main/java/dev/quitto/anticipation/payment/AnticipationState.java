package dev.quitto.anticipation.payment;

/** The status of a payment's latest anticipation request, copied onto the payment; NONE without one. */
public enum AnticipationState {
    NONE, PENDING, APPROVED, DENIED
}
