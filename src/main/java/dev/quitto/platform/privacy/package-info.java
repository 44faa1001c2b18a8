/** Personal data as logs and printed documents show it: a governmentId's last two characters, an e-mail's domain. */
@NamedInterface("privacy")
@NullMarked
package dev.quitto.platform.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
