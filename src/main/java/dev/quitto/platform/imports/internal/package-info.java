/** How imports run: streamed spooling, FastCSV parsing, COPY into staging, the worker with its lease, the read API. */
@NullMarked
package dev.quitto.platform.imports.internal;

import org.jspecify.annotations.NullMarked;
