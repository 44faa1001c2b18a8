package dev.quitto.platform.imports.internal;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.imports.ImportErrorView;
import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.imports.ImportNotFound;
import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.MissingFile;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

/** Accepting uploads and reading imports; {@link dev.quitto.platform.imports.Imports} is its face to the modules. */
@Service
public class ImportService {

    private final SpoolArea spool;
    private final ImportRepository imports;
    private final ImportWorker worker;
    private final ImportSettings settings;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    ImportService(SpoolArea spool, ImportRepository imports, ImportWorker worker, ImportSettings settings, IdGenerator ids,
                  Clock clock, PlatformTransactionManager transactions) {
        this.spool = spool;
        this.imports = imports;
        this.worker = worker;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public ImportView accept(ImportKind kind, HttpServletRequest request, ImportOptions options, String basePath) {
        if (request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile file = multipart.getFile("file");
            if (file == null) {
                throw new MissingFile("No file part: send the file as the multipart part \"file\".");
            }
            if (file.getOriginalFilename() != null && file.getOriginalFilename().isBlank()) {
                throw new MissingFile("No selected file: the part \"file\" has an empty file name.");
            }
            try (InputStream body = file.getInputStream()) {
                return accept(kind, body, file.getOriginalFilename(), options, basePath);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (request.getContentLengthLong() == 0) {
            throw new MissingFile("No file: send it as the multipart part \"file\" or as the request body.");
        }
        try (InputStream body = request.getInputStream()) {
            return accept(kind, body, fileName(request), options, basePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImportView accept(ImportKind kind, InputStream body, @Nullable String fileName, ImportOptions options, String basePath) {
        UUID id = ids.newId();
        SpoolArea.Spooled file;
        try {
            file = spool.receive(id, body, Math.min(settings.maxSize().toBytes(), kind.maxSizeBytes()), settings.spoolReserve().toBytes());
        } catch (SpoolArea.BodyUnreadable e) {
            throw new Refusal(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, e.getMessage());
        }
        try {
            HeaderLayout layout = HeaderLayout.read(file.path(), options.charset(), options.delimiter(), kind, settings.maxRecordChars());
            imports.insert(id, kind.name(), cleanName(fileName), file.size(), file.sha256(), file.path().toString(), layout.separator(),
                    options.charsetName(), uploader(), clock.instant(), layout.ignoredColumns());
        } catch (RuntimeException e) {
            spool.delete(file.path());
            throw e;
        }
        ImportView queued = find(kind.name(), id, basePath);
        wakeWorkerAfterCommit();
        return queued;
    }

    private void wakeWorkerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wakeUp();
                }
            });
        } else {
            worker.wakeUp();
        }
    }

    public ImportView find(@Nullable String kind, UUID id, String basePath) {
        return imports.find(id).filter(row -> kind == null || row.kind().equals(kind))
                .orElseThrow(() -> new ImportNotFound(id.toString())).toView(basePath);
    }

    public Paged<ImportView> list(@Nullable String kind, @Nullable ImportStatus status, PageQuery page, UriComponentsBuilder self, String basePath) {
        return Paged.of(imports.list(kind, status, page.offset(), page.size()).stream().map(row -> row.toView(basePath)).toList(),
                page, imports.count(kind, status), self);
    }

    public Paged<ImportErrorView> errors(@Nullable String kind, UUID id, PageQuery page, UriComponentsBuilder self) {
        find(kind, id, "");
        return Paged.of(imports.errors(id, page.offset(), page.size()), page, imports.countErrors(id), self);
    }

    public Map<String, Long> errorsByReason(@Nullable String kind, UUID id) {
        find(kind, id, "");
        return imports.countErrorsByReason(id);
    }

    public void writeErrorsCsv(@Nullable String kind, UUID id, OutputStream out) {
        find(kind, id, "");
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord("line", "column", "reason", "message", "value");
            // In a transaction, so that the driver fetches the report in batches instead of all at once.
            readOnly.executeWithoutResult(status -> imports.eachError(id, error -> csv.writeRecord(String.valueOf(error.line()),
                    nullToEmpty(error.column()), error.reason(), error.message(), nullToEmpty(error.value()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String fileName(HttpServletRequest request) {
        String disposition = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        if (disposition != null) {
            try {
                String name = ContentDisposition.parse(disposition).getFilename();
                if (name != null) {
                    return name;
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return request.getHeader("X-File-Name");
    }

    private static String cleanName(@Nullable String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "upload.csv";
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        return base.isEmpty() ? "upload.csv" : base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static @Nullable String uploader() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }
}
