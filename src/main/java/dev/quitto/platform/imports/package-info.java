/**
 * CSV imports, one pipeline for every module: a module describes its file as an {@link dev.quitto.platform.imports.ImportKind}
 * (columns, staging columns, a per-record mapper and a set-based apply step) and hands uploads to
 * {@link dev.quitto.platform.imports.Imports}; the platform spools, parses (FastCSV), loads with {@code COPY},
 * reports progress and errors, and resumes after a crash.
 */
@NamedInterface("imports")
@NullMarked
package dev.quitto.platform.imports;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
