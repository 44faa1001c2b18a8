package dev.quitto.anticipation.log;

/** What happened to a request: R requested, A approved, D denied. */
public enum LogAction {
    R, A, D
}
