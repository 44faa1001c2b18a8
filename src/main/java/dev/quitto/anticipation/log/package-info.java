/** The append-only request log: one row per action. */
@NullMarked
package dev.quitto.anticipation.log;

import org.jspecify.annotations.NullMarked;
