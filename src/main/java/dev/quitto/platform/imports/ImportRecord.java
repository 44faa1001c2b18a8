package dev.quitto.platform.imports;

/** One record of the file as a kind's mapper sees it: trimmed values addressed by the kind's column list. */
public interface ImportRecord {

    /** The physical line of the file where the record starts (the header is line 1). */
    long line();

    /**
     * The trimmed value of {@link ImportKind#columns()}{@code .get(column)}; an empty string for an optional
     * column the file does not have.
     */
    String value(int column);

    /** The column's name as the kind declares it, for error entries. */
    String columnName(int column);
}
