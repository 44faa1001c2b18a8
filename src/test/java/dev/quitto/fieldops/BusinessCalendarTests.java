package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.fieldops.BusinessCalendar.Holiday;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Brazilian national holidays (spec 4.6) against the official calendars 2021-2027, and business-day counts (acceptance 10). */
class BusinessCalendarTests {

    private final BusinessCalendar calendar = new BusinessCalendar(Set.of());

    @ParameterizedTest(name = "Easter {0} = {1}")
    @CsvSource({"2021, 2021-04-04", "2022, 2022-04-17", "2023, 2023-04-09", "2024, 2024-03-31", "2025, 2025-04-20",
            "2026, 2026-04-05", "2027, 2027-03-28", "2019, 2019-04-21", "2000, 2000-04-23", "2038, 2038-04-25"})
    void computesGregorianEaster(int year, String easter) {
        assertThat(BusinessCalendar.easter(year)).isEqualTo(LocalDate.parse(easter));
    }

    /** The movable dates of the federal government's yearly calendars (Portarias do Ministério da Gestão / Economia). */
    @ParameterizedTest(name = "{0}: Carnival {1} and {2}, Good Friday {3}, Corpus Christi {4}")
    @CsvSource({
            "2021, 2021-02-15, 2021-02-16, 2021-04-02, 2021-06-03",
            "2022, 2022-02-28, 2022-03-01, 2022-04-15, 2022-06-16",
            "2023, 2023-02-20, 2023-02-21, 2023-04-07, 2023-06-08",
            "2024, 2024-02-12, 2024-02-13, 2024-03-29, 2024-05-30",
            "2025, 2025-03-03, 2025-03-04, 2025-04-18, 2025-06-19",
            "2026, 2026-02-16, 2026-02-17, 2026-04-03, 2026-06-04",
            "2027, 2027-02-08, 2027-02-09, 2027-03-26, 2027-05-27"})
    void computesTheMovableHolidaysOfEachYear(int year, String carnivalMonday, String carnivalTuesday, String goodFriday, String corpusChristi) {
        List<LocalDate> dates = calendar.holidays(year).stream().map(Holiday::date).toList();

        assertThat(dates).contains(LocalDate.parse(carnivalMonday), LocalDate.parse(carnivalTuesday), LocalDate.parse(goodFriday),
                LocalDate.parse(corpusChristi));
    }

    @ParameterizedTest(name = "{0}: {1} holidays")
    @CsvSource({"2021, 12", "2022, 12", "2023, 12", "2024, 13", "2025, 13", "2026, 13", "2027, 13"})
    void hasTheFixedHolidaysAndTwentiethOfNovemberFrom2024On(int year, int count) {
        List<LocalDate> dates = calendar.holidays(year).stream().map(Holiday::date).toList();

        assertThat(dates).hasSize(count).contains(LocalDate.of(year, 1, 1), LocalDate.of(year, 4, 21), LocalDate.of(year, 5, 1),
                LocalDate.of(year, 9, 7), LocalDate.of(year, 10, 12), LocalDate.of(year, 11, 2), LocalDate.of(year, 11, 15),
                LocalDate.of(year, 12, 25));
        assertThat(dates.contains(LocalDate.of(year, 11, 20))).isEqualTo(year >= 2024);
    }

    @Test
    void countsNoOtherDayAsAHoliday() {
        assertThat(calendar.isHoliday(LocalDate.of(2021, 2, 17))).as("Ash Wednesday").isFalse();
        assertThat(calendar.isHoliday(LocalDate.of(2021, 12, 24))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.of(2021, 12, 31))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.of(2023, 11, 20))).as("before Law 14.759/2023").isFalse();
        assertThat(calendar.isHoliday(LocalDate.of(2024, 11, 20))).isTrue();
    }

    @ParameterizedTest(name = "{0}..{1} -> {2}")
    @CsvSource({
            "2021-06-01, 2021-06-30, 21",
            "2022-02-28, 2022-03-04, 3",
            "2021-04-02, 2021-04-02, 0",
            "2021-06-26, 2021-12-31, 131",
            "2021-01-01, 2021-12-31, 251",
            "2022-01-01, 2022-12-31, 251",
            "2024-11-18, 2024-11-22, 4",
            "2023-11-20, 2023-11-24, 5",
            "2021-06-28, 2021-07-02, 5",
            "2021-06-26, 2021-06-27, 0",
            "2021-06-28, 2021-06-28, 1"})
    void countsBusinessDaysOfAnInclusiveRange(String from, String to, long expected) {
        assertThat(calendar.businessDays(LocalDate.parse(from), LocalDate.parse(to))).isEqualTo(expected);
    }

    @Test
    void countsTheSameAsWalkingEveryDayOverSevenYears() {
        LocalDate from = LocalDate.of(2021, 1, 1);
        LocalDate to = LocalDate.of(2027, 12, 31);
        long walked = from.datesUntil(to.plusDays(1))
                .filter(date -> date.getDayOfWeek().getValue() <= 5 && !calendar.isHoliday(date)).count();

        assertThat(calendar.businessDays(from, to)).isEqualTo(walked);
    }

    @Test
    void addsConfiguredExtraHolidays() {
        BusinessCalendar withExtra = new BusinessCalendar(Set.of(LocalDate.of(2021, 6, 29)));

        assertThat(withExtra.businessDays(LocalDate.of(2021, 6, 28), LocalDate.of(2021, 7, 2))).isEqualTo(4);
    }
}
