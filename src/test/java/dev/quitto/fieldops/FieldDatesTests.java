package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.fieldops.FieldDates.NotVisited;
import dev.quitto.fieldops.FieldDates.Problem;
import dev.quitto.fieldops.FieldDates.VisitResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Date parsing of spec 4.2: normalization, the repairs the original file needs, strict day-first forms. */
class FieldDatesTests {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 1);

    private static VisitResult visit(String raw) {
        return FieldDates.visit(raw, TODAY);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2021-06-29 09:07:23|2021-06-29T09:07:23-03:00",
            "2021-06-29 09:07|2021-06-29T09:07:00-03:00",
            "2021-06-29 09:07:23.5|2021-06-29T09:07:23.500-03:00",
            "2021-06-29T09:07|2021-06-29T09:07:00-03:00",
            "2021-06-29T09:07:23|2021-06-29T09:07:23-03:00",
            "2021-06-29T09:07:23.123|2021-06-29T09:07:23.123-03:00",
            "2021-06-29T12:07:23Z|2021-06-29T09:07:23-03:00",
            "2021-06-30T23:30:00-05:00|2021-07-01T01:30:00-03:00",
            "2021-06-30T10:00+0100|2021-06-30T06:00:00-03:00",
            "28/06/2021 10:57:27|2021-06-28T10:57:27-03:00",
            "28/06/2021 11:55|2021-06-28T11:55:00-03:00",
            "28/062021 11:55|2021-06-28T11:55:00-03:00",
            "28 /06 /2021 10:57:27|2021-06-28T10:57:27-03:00",
            "1/7/2021 8:05|2021-07-01T08:05:00-03:00",
            "27/06/21 10:00|2021-06-27T10:00:00-03:00",
            "27/06/21 10:00:05|2021-06-27T10:00:05-03:00",
            "  2021-06-29   09:07:23\t|2021-06-29T09:07:23-03:00",
            "\u00A028/06/2021\u00A010:57:27\u00A0|2021-06-28T10:57:27-03:00"})
    void readsADateTimeAsWallTimeInSaoPauloOrConvertsAnOffset(String raw, String expected) {
        VisitResult result = visit(raw);

        assertThat(result.problem()).isNull();
        assertThat(result.visit().visitedAt()).isEqualTo(OffsetDateTime.parse(expected).toInstant());
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "31/12/21  |2021-12-31",
            "31/12/21|2021-12-31",
            "27/06/21|2021-06-27",
            "04/01/2022|2022-01-04",
            "4/1/2022|2022-01-04",
            "28/062021|2021-06-28",
            "28 / 06 / 2021|2021-06-28",
            "2021-06-28|2021-06-28"})
    void readsADateWithoutTimeAsAVisitDateWithoutInstant(String raw, String expected) {
        VisitResult result = visit(raw);

        assertThat(result.problem()).isNull();
        assertThat(result.visit().visitDate()).isEqualTo(LocalDate.parse(expected));
        assertThat(result.visit().visitedAt()).isNull();
    }

    @Test
    void readsDayFirstNeverMonthFirst() {
        assertThat(visit("04/01/2022 10:00").visit().visitDate()).isEqualTo(LocalDate.of(2022, 1, 4));
        assertThat(FieldDates.deadline("04/01/2022")).isEqualTo(LocalDate.of(2022, 1, 4));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"-", "", "   ", " - ", "\t"})
    void readsADashOrNothingAsNotVisited(String raw) {
        assertThat(visit(raw).visit()).isInstanceOf(NotVisited.class);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"31/02/2021 10:00", "2021-13-01 09:00:00", "??", "abc", "ontem", "29/02/2021", "2021-02-29",
            "28/06/2021 24:00", "2021-06-28 24:00:00", "2021-06-28 10:60:00", "2021-06-28 10:00:60", "32/01/2021",
            "00/01/2021", "01/00/2021", "06/28/2021", "2021/06/28", "28-06-2021", "28/06/202", "2021-06-28 10:00:00Z",
            "2021-06-28T10", "28/06/2021 10", "2021-6-28", "1 2/06/2021", "--", "28/06/2021x", "0000-06-28 10:00:00", "0000-06-28",
            "28/06/0000 10:00", "28/060000"})
    void refusesWhatDoesNotParseInStrictCalendarMode(String raw) {
        assertThat(visit(raw).problem()).isEqualTo(Problem.INVALID);
    }

    @Test
    void refusesAVisitDateAfterToday() {
        assertThat(visit("2025-03-02 00:00:00").problem()).isEqualTo(Problem.FUTURE);
        assertThat(visit("02/03/2025").problem()).isEqualTo(Problem.FUTURE);
        assertThat(visit("2025-03-01 23:59:59").problem()).isNull();
    }

    @Test
    void comparesTheFutureWithTheSaoPauloDateOfAnOffsetVisit() {
        assertThat(visit("2025-03-02T01:00:00Z").problem()).as("22:00 on 1 March in Sao Paulo").isNull();
        assertThat(visit("2025-03-02T04:00:00Z").problem()).isEqualTo(Problem.FUTURE);
    }

    @Test
    void placesTheVisitDateOfAnOffsetInstantInSaoPaulo() {
        assertThat(visit("2021-06-30T23:30:00-05:00").visit().visitDate()).isEqualTo(LocalDate.of(2021, 7, 1));
        assertThat(visit("2021-06-30T23:30:00-05:00").visit().visitedAt()).isEqualTo(Instant.parse("2021-07-01T04:30:00Z"));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "30/06/2021|2021-06-30",
            "04/01/2022|2022-01-04",
            "4/1/2022|2022-01-04",
            "2021-06-30|2021-06-30",
            "2021-06-30 15:30|2021-06-30",
            "2021-06-30 23:59:59|2021-06-30",
            "2021-06-30T15:30:00Z|2021-06-30",
            "30/06/2021 15:30|2021-06-30",
            " 30 /06/2021 |2021-06-30",
            "30/062021|2021-06-30"})
    void readsADeadlineAsTheWrittenDateIgnoringItsTime(String raw, String expected) {
        assertThat(FieldDates.deadline(raw)).isEqualTo(LocalDate.parse(expected));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "-", "31/02/2021", "2021-13-01", "30/06/21", "abc", "2021-06-30 25:00", "0000-06-30", "30/06/0000"})
    void refusesAnEmptyOrInvalidDeadline(String raw) {
        assertThat(FieldDates.deadline(raw)).isNull();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "'  28 /06 /2021   10:57:27 '|28/06/2021 10:57:27",
            "28/062021 11:55|28/06/2021 11:55",
            "28/062021|28/06/2021",
            "'31/12/21  '|31/12/21",
            "2021-06-29\t\t09:07:23|2021-06-29 09:07:23"})
    void normalizesWhitespaceAndRepairsAMissingSlash(String raw, String expected) {
        assertThat(FieldDates.normalize(raw)).isEqualTo(expected);
    }
    @Test
    void theRegexFreePathsAgreeWithTheRegularExpressionsOnAHundredThousandMessyValues() {
        Random random = new Random(20211231);
        String alphabet = "0123456789//--::  T\t\u00A0\u2007Z+.";
        String[] shapes = {"dd/MM/yyyy", "yyyy-MM-dd", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "dd/MMyyyy", "dd /MM /yyyy HH:mm"};
        for (int n = 0; n < 100_000; n++) {
            String value;
            if (n % 2 == 0) {
                StringBuilder b = new StringBuilder();
                for (int i = random.nextInt(22); i > 0; i--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                value = b.toString();
            } else {
                // A real shape with random digits, sometimes padded or with a character swapped.
                StringBuilder b = new StringBuilder();
                for (char c : shapes[random.nextInt(shapes.length)].toCharArray()) {
                    b.append(Character.isLetter(c) ? (char) ('0' + random.nextInt(n % 3 == 0 ? 3 : 10)) : c);
                }
                if (random.nextInt(4) == 0) {
                    b.setCharAt(random.nextInt(b.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
                value = (random.nextInt(5) == 0 ? " " : "") + b + (random.nextInt(5) == 0 ? "  " : "");
            }
            String repaired = FieldDates.repaired(value);
            assertThat(FieldDates.normalize(value)).as("normalize [%s]", value).isEqualTo(repaired);
            if (FieldDates.needsNoRepair(value)) {
                assertThat(repaired).as("repaired [%s]", value).isEqualTo(value);
            }
            FieldDates.Written slow = FieldDates.parse(repaired);
            LocalDate slowDeadline = repaired.isEmpty() || slow == null || slow.shortYear() ? null : slow.date();
            assertThat(FieldDates.deadline(value)).as("deadline [%s]", value).isEqualTo(slowDeadline);
        }
    }
}
