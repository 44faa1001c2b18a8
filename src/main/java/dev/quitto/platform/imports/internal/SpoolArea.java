package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.EmptyFile;
import dev.quitto.platform.imports.FileTooLarge;
import dev.quitto.platform.imports.SpoolFull;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The durable spool folder {@code ${quitto.data-dir}/imports}: uploads are streamed into it (SHA-256 and size
 * computed on the way, never the whole file in memory), synced to disk, and kept until their import completes.
 * Several instances share it when their data folder is shared storage.
 */
@Component
class SpoolArea {

    private static final Logger log = LoggerFactory.getLogger(SpoolArea.class);
    private static final int CHUNK = 64 * 1024;
    private static final long ROOM_CHECK_EVERY = 1024 * 1024;

    /** A file safely on disk: where, how big, its SHA-256 in hex. */
    record Spooled(Path path, long size, String sha256) {
    }

    /** Reading the request body failed (the client went away): not the server's fault. */
    static final class BodyUnreadable extends RuntimeException {
        BodyUnreadable(IOException cause) {
            super("The upload could not be read to its end: " + cause.getMessage(), cause);
        }
    }

    private final Path folder;

    SpoolArea(@Value("${quitto.data-dir:data}") String dataDir) {
        this.folder = Path.of(dataDir, "imports").toAbsolutePath().normalize();
    }

    Path folder() {
        return folder;
    }

    /**
     * Streams {@code body} to {@code <id>.csv}; refuses an empty file, one over {@code maxBytes}, or one that would leave
     * less than {@code reserveBytes} free on the folder's disk (checked before the first chunk and every megabyte),
     * leaving nothing behind.
     */
    Spooled receive(UUID id, InputStream body, long maxBytes, long reserveBytes) {
        Path part = folder.resolve(id + ".csv.part");
        Path done = folder.resolve(id + ".csv");
        MessageDigest sha256 = sha256();
        long size = 0;
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                byte[] chunk = new byte[CHUNK];
                while (true) {
                    int n = read(body, chunk);
                    if (n < 0) {
                        break;
                    }
                    long before = size;
                    size += n;
                    if (size > maxBytes) {
                        throw new FileTooLarge(maxBytes);
                    }
                    if (before == 0 || before / ROOM_CHECK_EVERY != size / ROOM_CHECK_EVERY) {
                        requireRoom(reserveBytes, n);
                    }
                    sha256.update(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
                channel.force(true);
            }
            if (size == 0) {
                throw new EmptyFile();
            }
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
            syncFolder();
            return new Spooled(done, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            deleteQuietly(part);
            if (usableSpace() < Math.max(reserveBytes, 4L * CHUNK)) {
                throw new SpoolFull();
            }
            throw new UncheckedIOException("Cannot write spool file " + part, e);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** Makes the rename durable too: after the 202 the file must survive a power cut. */
    private void syncFolder() throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static int read(InputStream body, byte[] chunk) {
        try {
            return body.read(chunk);
        } catch (IOException e) {
            throw new BodyUnreadable(e);
        }
    }

    private void requireRoom(long reserveBytes, long next) {
        if (usableSpace() - next < reserveBytes) {
            throw new SpoolFull();
        }
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    void delete(Path file) {
        deleteQuietly(file);
    }

    /** Spool files present now (finished ones are removed by the worker). */
    List<String> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".csv")).map(Path::toString).toList();
        } catch (IOException e) {
            log.warn("Cannot list spool folder {}: {}", folder, e.getMessage());
            return List.of();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete spool file {}: {}", file, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
