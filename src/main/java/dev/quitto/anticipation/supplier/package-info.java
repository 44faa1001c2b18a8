/** Suppliers, their link to a user, and the caller's scope (one supplier, or all for an operator). */
@NullMarked
package dev.quitto.anticipation.supplier;

import org.jspecify.annotations.NullMarked;
