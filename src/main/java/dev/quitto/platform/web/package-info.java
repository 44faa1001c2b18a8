/**
 * The HTTP edge every module shares: RFC 9457 problems ({@link dev.quitto.platform.web.Refusal} and its
 * subclasses), request ids, body limits, paging and {@code Idempotency-Key}.
 */
@NamedInterface("web")
@NullMarked
package dev.quitto.platform.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
