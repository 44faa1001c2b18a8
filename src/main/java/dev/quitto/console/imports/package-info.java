/** The platform's CSV imports: progress, counts, error reports. */
@NullMarked
package dev.quitto.console.imports;

import org.jspecify.annotations.NullMarked;
