package dev.quitto.bench.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic (fixed seed) file of the real Kanastra shape: {@code name,governmentId,email,debtAmount,debtDueDate,debtId},
 * 4-digit governmentIds, Faker-like names and {@code @example.com/.net/.org} e-mails, integer amounts 1000-10000,
 * due dates 2022-10-05..2024-10-04, UUIDv4 debtIds, LF, about 95 bytes per row (1,100,000 rows: about 104 MB).
 */
public final class KanastraFile {

    public static final long SEED = 20_221_005L;

    private static final String[] FIRST = {"Elijah", "Samuel", "Leslie", "Joseph", "Jennifer", "Michael", "Ashley", "Christopher",
            "Jessica", "Matthew", "Amanda", "Joshua", "Sarah", "Daniel", "Stephanie", "David", "Melissa", "James", "Nicole", "Robert",
            "Elizabeth", "John", "Heather", "Ryan", "Tiffany", "Andrew", "Amber", "Justin", "Rachel", "Brandon", "Megan", "William"};
    private static final String[] LAST = {"Santos", "Orr", "Morgan", "Rivera", "Smith", "Johnson", "Williams", "Brown", "Jones",
            "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez"};
    private static final String[] PREFIX = {"Mr. ", "Mrs. ", "Ms. ", "Dr. "};
    private static final String[] SUFFIX = {" MD", " Jr.", " PhD", " DDS"};
    private static final String[] DOMAIN = {"@example.com", "@example.net", "@example.org"};
    private static final LocalDate FIRST_DUE = LocalDate.of(2022, 10, 5);
    private static final int DUE_DAYS = 731;

    /** What the file holds, computed while writing it, for checking an import independently of the importer. */
    public record Expected(long rows, long amountSum, long bytes) {
    }

    private KanastraFile() {
    }

    public static Expected write(Path file, int rows) throws IOException {
        Random random = new Random(SEED);
        long amountSum = 0;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("name,governmentId,email,debtAmount,debtDueDate,debtId\n");
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                int decoration = random.nextInt(20);
                if (decoration == 0) {
                    line.append(PREFIX[random.nextInt(PREFIX.length)]);
                }
                line.append(first).append(' ').append(last);
                if (decoration == 1) {
                    line.append(SUFFIX[random.nextInt(SUFFIX.length)]);
                }
                int amount = 1000 + random.nextInt(9001);
                amountSum += amount;
                line.append(',').append(1000 + random.nextInt(9000))
                        .append(',').append(first.toLowerCase()).append(random.nextInt(100))
                        .append(DOMAIN[random.nextInt(DOMAIN.length)])
                        .append(',').append(amount)
                        .append(',').append(FIRST_DUE.plusDays(random.nextInt(DUE_DAYS)))
                        .append(',').append(uuid4(random))
                        .append('\n');
                out.append(line);
            }
        }
        return new Expected(rows, amountSum, Files.size(file));
    }

    private static UUID uuid4(Random random) {
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** {@code java ... KanastraFile [rows] [file]}: writes the file and prints its expected figures. */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_100_000;
        Path file = Path.of(args.length > 1 ? args[1] : "target/kanastra-" + rows + ".csv");
        Expected expected = write(file, rows);
        System.out.println(file + ": " + expected);
    }
}
