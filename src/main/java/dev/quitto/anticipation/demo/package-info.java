/** Demo suppliers, payments and requests, relative to today, for the demo profile. */
@NullMarked
package dev.quitto.anticipation.demo;

import org.jspecify.annotations.NullMarked;
