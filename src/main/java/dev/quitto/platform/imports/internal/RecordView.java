package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.imports.ImportRecord;
import java.util.List;

/** The current record as the kind's mapper sees it; one instance is reused for every record of a run. */
final class RecordView implements ImportRecord {

    private final int[] positions;
    private final String[] names;
    private long line;
    private List<String> fields = List.of();

    RecordView(ImportKind kind, HeaderLayout layout) {
        this.positions = layout.positions();
        this.names = kind.columns().stream().map(column -> column.name()).toArray(String[]::new);
    }

    void reset(long line, List<String> fields) {
        this.line = line;
        this.fields = fields;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public String value(int column) {
        int position = positions[column];
        return position < 0 ? "" : fields.get(position).strip();
    }

    @Override
    public String columnName(int column) {
        return names[column];
    }
}
