/**
 * What every module shares: security, errors, idempotency, time, money, the database. Each concern is a
 * named interface (a sub-package); everything below a concern's {@code internal} package is hidden.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package dev.quitto.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
