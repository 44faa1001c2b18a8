/** New identifiers: time-ordered UUIDv7 read from the injected clock. */
@NamedInterface("ids")
@NullMarked
package dev.quitto.platform.ids;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
