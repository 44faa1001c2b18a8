/** The field-ops indicators dashboard: SLA per polo and per angel, productivity per angel, charts, tables and CSV. */
@NullMarked
package dev.quitto.console.indicators;

import org.jspecify.annotations.NullMarked;
