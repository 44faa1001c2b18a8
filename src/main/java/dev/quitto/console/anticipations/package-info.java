/** The operators' queue of anticipation requests: approve or deny. */
@NullMarked
package dev.quitto.console.anticipations;

import org.jspecify.annotations.NullMarked;
