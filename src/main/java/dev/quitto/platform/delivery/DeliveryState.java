package dev.quitto.platform.delivery;

/** Where a delivery stands. "In flight" is not a state: a PENDING delivery is in flight while its lease is live. */
public enum DeliveryState {
    /** Waiting for its next attempt (or being attempted now). */
    PENDING,
    /** The destination answered 2xx; never sent again. */
    DELIVERED,
    /** Given up, with a {@link DeadReason}; an operator may retry it. */
    DEAD
}
