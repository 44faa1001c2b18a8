/** Consultation charges on their way to finance: delivery state, attempts, and the operators' retry of dead ones. */
@NullMarked
package dev.quitto.console.consultation;

import org.jspecify.annotations.NullMarked;
