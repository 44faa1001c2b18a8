package dev.quitto.platform.mail.internal;

/** What a transport reports for one message. */
sealed interface SendResult {

    record Sent() implements SendResult {
    }

    /** Not sent; trying again later may work (SMTP 4xx, no connection, timeout). */
    record Transient(String error) implements SendResult {
    }

    /** Not sent; trying again will not help (SMTP 5xx, an address or body that cannot be sent). */
    record Permanent(String error) implements SendResult {
    }

    SendResult SENT = new Sent();
}
