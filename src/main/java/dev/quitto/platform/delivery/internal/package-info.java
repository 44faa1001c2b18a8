/** Claim and lease SQL, the worker, the HTTP sender, circuit breakers, metrics and the operators' endpoints. */
@NullMarked
package dev.quitto.platform.delivery.internal;

import org.jspecify.annotations.NullMarked;
