/** The HTTP edge of the module: seed bodies and errors, JSON reading without floating point, paging, path ids. */
@NullMarked
package dev.quitto.anticipation.web;

import org.jspecify.annotations.NullMarked;
