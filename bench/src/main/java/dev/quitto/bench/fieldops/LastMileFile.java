package dev.quitto.bench.fieldops;

import java.io.BufferedWriter;
import java.io.IOException;
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
 * Generator of a full-size Stone "Last Mile" file (spec fieldops.md section 11), deterministic by seed: {@code rows}
 * records, {@code ;}-separated, UTF-8, LF; ids up to about 1,049,216 with gaps and 0.05 % of them repeated later;
 * clients from a pool of 573,670 nine-digit ids; about 1,800 angel names from Portuguese first and last names with
 * accents; 70 polos; deadlines 2021-06-30..2022-06-03; about 10 % late; the visit value mix of the original file.
 * <p>
 * The expected counts are computed here from the values the generator chose, never by parsing the file: rows,
 * rejections, duplicates (a valid repeat of an id already accepted), and on-time / late / unvisited per polo over the
 * last accepted row of every id.
 */
public final class LastMileFile {

    static final String[] FIRST = {"João", "Jônatas", "Éder", "Gabriel", "Fabricio", "Pedro", "Mariana", "Sergio", "Eduardo", "Ana",
            "Cíntia", "Luís"};
    static final String[] LAST = {"Magalhães", "Neves", "Pereira", "Lima", "Sena", "Torres", "Ferreira", "Oliveira", "Bandoli", "Virgilio",
            "Terra", "Wanderley"};
    static final String[] POLOS;

    static {
        String[] cities = {"CE - JUAZEIRO DO NORTE", "CE - SOBRAL", "CE - FORTALEZA", "CE - CASCAVEL", "PE - OLINDA", "PE - RECIFE",
                "PE - BUNKER RECIFE 1", "PE - CARUARU", "PE - PETROLINA", "PR - FOZ DO IGUAÇU", "PR - CURITIBA", "PR - LONDRINA",
                "PR - MARINGÁ", "PR - CASCAVEL", "GO - RIO VERDE", "GO - ITUMBIARA", "GO - GOIANIA", "GO - VALPARAISO DE GOIAS",
                "GO - ANÁPOLIS", "RJ - SAO GONÇALO", "RJ - VOLTA REDONDA", "RJ - SAQUAREMA", "RJ - SANTA CRUZ", "RJ - BUNKER 1",
                "RJ - RESENDE", "RJ - NITERÓI", "RJ - PETRÓPOLIS", "RS - CAXIAS DO SUL", "RS - PORTO ALEGRE", "RS - PELOTAS",
                "RS - SANTA MARIA", "MG - ALFENAS", "MG - BELO HORIZONTE", "MG - UBERLÂNDIA", "MG - JUIZ DE FORA", "MG - MONTES CLAROS",
                "BA - FEIRA DE SANTANA", "BA - SALVADOR", "BA - VITÓRIA DA CONQUISTA", "BA - ILHÉUS", "ES - GUARAPARI",
                "ES - CACHOEIRO DE ITAPEMIRIM", "ES - VITÓRIA", "AM - MANAUS", "AC - RIO BRANCO", "PB - CAMPINA GRANDE", "PB - JOAO PESSOA",
                "SP - SÃO PAULO", "SP - CAMPINAS", "SP - SANTOS", "SP - RIBEIRÃO PRETO", "SP - BUNKER SAO PAULO 2", "SP - SOROCABA",
                "SC - FLORIANÓPOLIS", "SC - JOINVILLE", "SC - BLUMENAU", "MT - CUIABÁ", "MS - CAMPO GRANDE", "RO - PORTO VELHO",
                "PA - BELÉM", "PA - SANTARÉM", "MA - SÃO LUÍS", "PI - TERESINA", "RN - NATAL", "RN - MOSSORÓ", "AL - MACEIÓ",
                "SE - ARACAJU", "TO - PALMAS", "DF - BRASÍLIA", "AP - MACAPÁ"};
        POLOS = cities;
    }

    /** Per polo: on time, late, not visited. */
    public record PoloCounts(long onTime, long late, long unvisited) {
    }

    public record Expected(long rows, long rejected, long duplicates, long accepted, Map<String, PoloCounts> byPolo) {
        public long onTime() {
            return byPolo.values().stream().mapToLong(PoloCounts::onTime).sum();
        }

        public long late() {
            return byPolo.values().stream().mapToLong(PoloCounts::late).sum();
        }

        public long unvisited() {
            return byPolo.values().stream().mapToLong(PoloCounts::unvisited).sum();
        }
    }

    private record Row(String polo, int outcome) {
    }

    private LastMileFile() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/bd_desafio_generated.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_048_575;
        Expected expected = write(file, rows, 20211231L);
        System.out.println(file + ": " + expected.rows() + " rows, " + expected.rejected() + " rejected, " + expected.duplicates()
                + " duplicates, " + expected.accepted() + " accepted; on time " + expected.onTime() + ", late " + expected.late()
                + ", unvisited " + expected.unvisited() + ", " + Files.size(file) + " bytes");
    }

    public static Expected write(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long[] clients = new long[573_670];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = 1 + random.nextLong(999_999_999L);
        }
        LocalDate firstDeadline = LocalDate.of(2021, 6, 30);
        int deadlineDays = (int) (LocalDate.of(2022, 6, 3).toEpochDay() - firstDeadline.toEpochDay()) + 1;
        Map<Long, Row> accepted = new HashMap<>(rows * 2);
        List<Long> issued = new ArrayList<>(rows);
        long rejected = 0;
        long duplicates = 0;
        long nextId = 1;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id_atendimento;id_cliente;angel;polo;data_limite;data_de_atendimento\n");
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < rows; i++) {
                long id;
                if (!issued.isEmpty() && random.nextInt(10_000) < 5) {
                    id = issued.get(random.nextInt(issued.size()));
                } else {
                    id = nextId;
                    nextId += random.nextInt(1_636) == 0 ? 2 : 1;
                    issued.add(id);
                }
                String angel = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + LAST[random.nextInt(LAST.length)];
                String polo = POLOS[random.nextInt(POLOS.length)];
                LocalDate deadline = firstDeadline.plusDays(random.nextInt(deadlineDays));
                boolean late = random.nextInt(100) < 10;
                LocalDate visit = late ? deadline.plusDays(1 + random.nextInt(5)) : deadline.minusDays(random.nextInt(5));
                int hour = 8 + random.nextInt(10);
                int minute = random.nextInt(60);
                int second = random.nextInt(60);
                int mix = random.nextInt(1000);
                String value;
                int outcome = late ? 1 : 0;
                boolean valid = true;
                if (mix < 955) {
                    value = "%s %02d:%02d:%02d".formatted(visit, hour, minute, second);
                } else if (mix < 970) {
                    value = "-";
                    outcome = 2;
                } else if (mix < 980) {
                    value = "%02d/%02d/%d %02d:%02d:%02d".formatted(visit.getDayOfMonth(), visit.getMonthValue(), visit.getYear(), hour, minute, second);
                } else if (mix < 988) {
                    value = "%02d/%02d/%d %02d:%02d".formatted(visit.getDayOfMonth(), visit.getMonthValue(), visit.getYear(), hour, minute);
                } else if (mix < 993) {
                    value = "%02d/%02d%d %02d:%02d".formatted(visit.getDayOfMonth(), visit.getMonthValue(), visit.getYear(), hour, minute);
                } else if (mix < 998) {
                    value = "%02d/%02d/%02d  ".formatted(visit.getDayOfMonth(), visit.getMonthValue(), visit.getYear() % 100);
                } else if (mix < 999) {
                    value = "%02d /%02d /%d %02d:%02d:%02d".formatted(visit.getDayOfMonth(), visit.getMonthValue(), visit.getYear(), hour, minute, second);
                } else {
                    value = switch (random.nextInt(3)) {
                        case 0 -> "31/02/2021 10:00";
                        case 1 -> "2021-13-01 09:00:00";
                        default -> "??";
                    };
                    valid = false;
                }
                line.setLength(0);
                line.append(id).append(';').append(clients[random.nextInt(clients.length)]).append(';').append(angel).append(';').append(polo)
                        .append(';').append("%02d/%02d/%d".formatted(deadline.getDayOfMonth(), deadline.getMonthValue(), deadline.getYear()))
                        .append(';').append(value).append('\n');
                out.append(line);
                if (!valid) {
                    rejected++;
                } else if (accepted.put(id, new Row(polo, outcome)) != null) {
                    duplicates++;
                }
            }
        }
        Map<String, long[]> counts = new TreeMap<>();
        for (Row row : accepted.values()) {
            counts.computeIfAbsent(row.polo(), polo -> new long[3])[row.outcome()]++;
        }
        Map<String, PoloCounts> byPolo = new TreeMap<>();
        counts.forEach((polo, c) -> byPolo.put(polo, new PoloCounts(c[0], c[1], c[2])));
        return new Expected(rows, rejected, duplicates, accepted.size(), byPolo);
    }
}
