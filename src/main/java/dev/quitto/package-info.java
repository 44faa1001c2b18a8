/** Quitto: the money flows of Brazilian businesses, one module per flow. */
@NullMarked
package dev.quitto;

import org.jspecify.annotations.NullMarked;
