/** Money as {@link java.math.BigDecimal} with two decimals, its parsing from JSON, and named rounding rules. */
@NamedInterface("money")
@NullMarked
package dev.quitto.platform.money;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
