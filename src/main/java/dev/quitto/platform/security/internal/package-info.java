/** How callers are authenticated and authorized; other modules use only {@code platform.security}. */
@NullMarked
package dev.quitto.platform.security.internal;

import org.jspecify.annotations.NullMarked;
