/** Payments of suppliers and their derived status (the five buckets). */
@NullMarked
package dev.quitto.anticipation.payment;

import org.jspecify.annotations.NullMarked;
