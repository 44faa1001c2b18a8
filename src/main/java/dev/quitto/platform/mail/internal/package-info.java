/** The mail outbox table, the dispatcher (claim, lease, send, record), transports, templates and the operator API. */
@NullMarked
package dev.quitto.platform.mail.internal;

import org.jspecify.annotations.NullMarked;
