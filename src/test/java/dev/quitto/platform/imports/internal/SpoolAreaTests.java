package dev.quitto.platform.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quitto.platform.imports.EmptyFile;
import dev.quitto.platform.imports.FileTooLarge;
import dev.quitto.platform.imports.SpoolFull;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receiving an upload: streamed to disk with its size and SHA-256, refused (and nothing left behind) when empty or too large. */
class SpoolAreaTests {

    private static final long RESERVE = 256 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void streamsTheBodyToDiskWithItsSizeAndSha256() throws Exception {
        byte[] body = "id,name\n1,Ana\n".getBytes(StandardCharsets.UTF_8);
        SpoolArea spool = new SpoolArea(dataDir.toString());

        SpoolArea.Spooled spooled = spool.receive(UUID.randomUUID(), new ByteArrayInputStream(body), 1024, RESERVE);

        assertThat(spooled.size()).isEqualTo(body.length);
        assertThat(Files.readAllBytes(spooled.path())).isEqualTo(body);
        assertThat(spooled.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(spooled.path().getParent()).isEqualTo(dataDir.resolve("imports").toAbsolutePath());
    }

    @Test
    void refusesABodyLargerThanTheLimitWithoutReadingItAllAndLeavesNothing() throws IOException {
        SpoolArea spool = new SpoolArea(dataDir.toString());
        CountingBody body = new CountingBody(10L * 1024 * 1024);

        assertThatThrownBy(() -> spool.receive(UUID.randomUUID(), body, 100_000, RESERVE)).isInstanceOf(FileTooLarge.class);
        assertThat(body.served).isLessThan(200_000);
        assertThat(filesIn(dataDir.resolve("imports"))).isZero();
    }

    @Test
    void refusesAnEmptyBodyAndLeavesNothing() throws IOException {
        SpoolArea spool = new SpoolArea(dataDir.toString());

        assertThatThrownBy(() -> spool.receive(UUID.randomUUID(), InputStream.nullInputStream(), 100, RESERVE)).isInstanceOf(EmptyFile.class);
        assertThat(filesIn(dataDir.resolve("imports"))).isZero();
    }

    @Test
    void refusesABodyThatWouldLeaveLessThanTheReserveFreeAndLeavesNothing() throws IOException {
        SpoolArea spool = new SpoolArea(dataDir.toString());
        long free = Files.getFileStore(dataDir).getUsableSpace();

        assertThatThrownBy(() -> spool.receive(UUID.randomUUID(), new ByteArrayInputStream("id\n1\n".getBytes(StandardCharsets.UTF_8)), 1024, free))
                .isInstanceOf(SpoolFull.class);
        assertThat(filesIn(dataDir.resolve("imports"))).isZero();
    }

    private static long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    /** An endless-looking body that counts what was read from it. */
    private static final class CountingBody extends InputStream {

        private final long size;
        private long served;

        CountingBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return served < size ? (int) (served++ & 0x3F) + 32 : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - served);
            served += n;
            return n;
        }
    }
}
