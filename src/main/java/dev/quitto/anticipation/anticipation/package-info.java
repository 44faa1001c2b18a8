/** Anticipation requests: the discount, the state machine, decisions and the supplier's e-mails. */
@NullMarked
package dev.quitto.anticipation.anticipation;

import org.jspecify.annotations.NullMarked;
