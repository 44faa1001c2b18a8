package dev.quitto.anticipation.supplier;

/** The role a user acted in, as the request log records it. */
public enum ActorRole {
    SUPPLIER, OPERATOR
}
