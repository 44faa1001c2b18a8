/** The supplier's own payments, requests and request log. */
@NullMarked
package dev.quitto.console.supplier;

import org.jspecify.annotations.NullMarked;
