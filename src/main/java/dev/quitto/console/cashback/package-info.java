/** Cashback sales by status with their deliveries to the provider, and the ADMIN's retry of a failed one. */
@NullMarked
package dev.quitto.console.cashback;

import org.jspecify.annotations.NullMarked;
