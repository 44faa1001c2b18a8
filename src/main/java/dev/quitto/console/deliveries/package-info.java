/** Outbound deliveries of every destination, dead letters and their retry. */
@NullMarked
package dev.quitto.console.deliveries;

import org.jspecify.annotations.NullMarked;
