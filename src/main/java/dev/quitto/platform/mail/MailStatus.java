package dev.quitto.platform.mail;

/**
 * Where a message is. {@code UNKNOWN}: an instance claimed it and never confirmed (it died or lost the database
 * mid-send), so it may or may not have gone out; it is never re-sent automatically, only by an operator.
 */
public enum MailStatus {
    PENDING, SENDING, SENT, FAILED, UNKNOWN
}
