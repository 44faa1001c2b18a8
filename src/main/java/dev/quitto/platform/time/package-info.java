/** Business time: the one {@link java.time.Clock} and the America/Sao_Paulo zone every rule reads. */
@NamedInterface("time")
@NullMarked
package dev.quitto.platform.time;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
