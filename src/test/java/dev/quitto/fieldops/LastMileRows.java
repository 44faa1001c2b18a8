package dev.quitto.fieldops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A "Last Mile" file of any length in the shape of the real one (spec 11, as bench's {@code LastMileFile} writes
 * it at full size), deterministic by seed: {@code ;}-separated, UTF-8; ids counting up with gaps, 0.05 % of them
 * repeated later in the file; nine-digit clients; angels from accented Portuguese names; 20 polos in
 * {@code UF - CITY} form; deadlines 2021-06-30..2022-06-03 written {@code dd/MM/yyyy}; about 10 % late; and the visit
 * value mix of the original file: 95.5 % {@code yyyy-MM-dd HH:mm:ss}, 1.5 % {@code -}, 1.0 % {@code dd/MM/yyyy HH:mm:ss},
 * 0.8 % {@code dd/MM/yyyy HH:mm}, 0.5 % {@code dd/MMyyyy HH:mm}, 0.5 % {@code dd/MM/yy} plus two spaces, 0.1 %
 * {@code dd /MM /yyyy HH:mm:ss} and 0.1 % unrepairable values.
 * <p>
 * The expected counts come from the values chosen here, never from parsing the file: the rows, the rejected ones (the
 * unrepairable visit values), the duplicates (valid repeats of an id already accepted) and, over the last valid line
 * of every id, on-time / late / not visited per polo.
 */
final class LastMileRows {

    private static final String[] FIRST = {"João", "Jônatas", "Éder", "Gabriel", "Fabricio", "Pedro", "Mariana", "Cíntia", "Luís", "Ana"};
    private static final String[] LAST = {"Magalhães", "Neves", "Pereira", "Lima", "Sena", "Torres", "Ferreira", "Oliveira", "Terra"};
    private static final String[] POLOS = {"CE - JUAZEIRO DO NORTE", "CE - SOBRAL", "PE - OLINDA", "PE - BUNKER RECIFE 1", "PR - FOZ DO IGUAÇU",
            "PR - CURITIBA", "GO - RIO VERDE", "GO - ITUMBIARA", "RJ - SAO GONÇALO", "RJ - VOLTA REDONDA", "RJ - BUNKER 1", "RS - CAXIAS DO SUL",
            "MG - UBERLÂNDIA", "BA - VITÓRIA DA CONQUISTA", "ES - CACHOEIRO DE ITAPEMIRIM", "AM - MANAUS", "AC - RIO BRANCO", "SP - SÃO PAULO",
            "MT - CUIABÁ", "DF - BRASÍLIA"};
    private static final LocalDate FIRST_DEADLINE = LocalDate.of(2021, 6, 30);
    private static final int DEADLINE_DAYS = (int) (LocalDate.of(2022, 6, 3).toEpochDay() - FIRST_DEADLINE.toEpochDay()) + 1;

    /** Per polo: visits on time, late, not visited. */
    record PoloCounts(long onTime, long late, long unvisited) {
    }

    record Expected(long rows, long rejected, long duplicates, long accepted, Map<String, PoloCounts> byPolo) {
    }

    /** 0 on time, 1 late, 2 not visited. */
    private record Row(String polo, int outcome) {
    }

    private LastMileRows() {
    }

    static Expected write(Path file, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, Row> accepted = new HashMap<>(rows * 2);
        List<Long> issued = new ArrayList<>(rows);
        long rejected = 0;
        long duplicates = 0;
        long nextId = 1;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id_atendimento;id_cliente;angel;polo;data_limite;data_de_atendimento\n");
            for (int i = 0; i < rows; i++) {
                long id;
                if (!issued.isEmpty() && random.nextInt(10_000) < 5) {
                    id = issued.get(random.nextInt(issued.size()));
                } else {
                    id = nextId;
                    nextId += random.nextInt(1_636) == 0 ? 2 : 1;
                    issued.add(id);
                }
                long client = 100_000_000 + random.nextLong(900_000_000L);
                String angel = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + LAST[random.nextInt(LAST.length)];
                String polo = POLOS[random.nextInt(POLOS.length)];
                LocalDate deadline = FIRST_DEADLINE.plusDays(random.nextInt(DEADLINE_DAYS));
                boolean late = random.nextInt(100) < 10;
                LocalDate visit = late ? deadline.plusDays(1 + random.nextInt(5)) : deadline.minusDays(random.nextInt(5));
                VisitValue value = visitValue(random, visit, late);
                out.write(id + ";" + client + ";" + angel + ";" + polo + ";"
                        + "%02d/%02d/%d".formatted(deadline.getDayOfMonth(), deadline.getMonthValue(), deadline.getYear()) + ";" + value.text() + "\n");
                if (value.outcome() < 0) {
                    rejected++;
                } else if (accepted.put(id, new Row(polo, value.outcome())) != null) {
                    duplicates++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, long[]> counts = new TreeMap<>();
        accepted.values().forEach(row -> counts.computeIfAbsent(row.polo(), polo -> new long[3])[row.outcome()]++);
        Map<String, PoloCounts> byPolo = new TreeMap<>();
        counts.forEach((polo, c) -> byPolo.put(polo, new PoloCounts(c[0], c[1], c[2])));
        return new Expected(rows, rejected, duplicates, accepted.size(), byPolo);
    }

    /** A visit value and its outcome (-1: the row is rejected). */
    private record VisitValue(String text, int outcome) {
    }

    private static VisitValue visitValue(SplittableRandom random, LocalDate visit, boolean late) {
        int hour = 8 + random.nextInt(10);
        int minute = random.nextInt(60);
        int second = random.nextInt(60);
        int day = visit.getDayOfMonth();
        int month = visit.getMonthValue();
        int year = visit.getYear();
        int outcome = late ? 1 : 0;
        int mix = random.nextInt(1000);
        if (mix < 955) {
            return new VisitValue("%s %02d:%02d:%02d".formatted(visit, hour, minute, second), outcome);
        }
        if (mix < 970) {
            return new VisitValue("-", 2);
        }
        if (mix < 980) {
            return new VisitValue("%02d/%02d/%d %02d:%02d:%02d".formatted(day, month, year, hour, minute, second), outcome);
        }
        if (mix < 988) {
            return new VisitValue("%02d/%02d/%d %02d:%02d".formatted(day, month, year, hour, minute), outcome);
        }
        if (mix < 993) {
            return new VisitValue("%02d/%02d%d %02d:%02d".formatted(day, month, year, hour, minute), outcome);
        }
        if (mix < 998) {
            return new VisitValue("%02d/%02d/%02d  ".formatted(day, month, year % 100), outcome);
        }
        if (mix < 999) {
            return new VisitValue("%02d /%02d /%d %02d:%02d:%02d".formatted(day, month, year, hour, minute, second), outcome);
        }
        return new VisitValue(switch (random.nextInt(3)) {
            case 0 -> "31/02/2021 10:00";
            case 1 -> "2021-13-01 09:00:00";
            default -> "??";
        }, -1);
    }
}
