package dev.quitto.fieldops;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brazilian national holidays, computed for any year (spec 4.6): the fixed ones, 20 November from 2024 on
 * (Law 14.759/2023), and Carnival Monday and Tuesday, Good Friday and Corpus Christi from Gregorian Easter
 * (Carnival and Corpus Christi are officially optional days; they count as holidays by product decision), plus
 * configured extra dates. A business day is a Monday to Friday that is not one of them.
 */
public final class BusinessCalendar {

    /** A holiday and its name. */
    public record Holiday(LocalDate date, String name) {
    }

    private static final List<FixedHoliday> FIXED = List.of(
            new FixedHoliday(MonthDay.of(1, 1), "Confraternização Universal", 0),
            new FixedHoliday(MonthDay.of(4, 21), "Tiradentes", 0),
            new FixedHoliday(MonthDay.of(5, 1), "Dia do Trabalho", 0),
            new FixedHoliday(MonthDay.of(9, 7), "Independência do Brasil", 0),
            new FixedHoliday(MonthDay.of(10, 12), "Nossa Senhora Aparecida", 0),
            new FixedHoliday(MonthDay.of(11, 2), "Finados", 0),
            new FixedHoliday(MonthDay.of(11, 15), "Proclamação da República", 0),
            new FixedHoliday(MonthDay.of(11, 20), "Dia Nacional de Zumbi e da Consciência Negra", 2024),
            new FixedHoliday(MonthDay.of(12, 25), "Natal", 0));

    private record FixedHoliday(MonthDay day, String name, int fromYear) {
    }

    private final Set<LocalDate> extra;

    public BusinessCalendar(Set<LocalDate> extraHolidays) {
        this.extra = Set.copyOf(extraHolidays);
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** The holidays of one year, in date order (two names on one date keep the first). */
    public List<Holiday> holidays(int year) {
        TreeMap<LocalDate, String> days = new TreeMap<>();
        for (FixedHoliday fixed : FIXED) {
            if (year >= fixed.fromYear()) {
                days.putIfAbsent(fixed.day().atYear(year), fixed.name());
            }
        }
        LocalDate easter = easter(year);
        days.putIfAbsent(easter.minusDays(48), "Carnaval (segunda-feira)");
        days.putIfAbsent(easter.minusDays(47), "Carnaval (terça-feira)");
        days.putIfAbsent(easter.minusDays(2), "Sexta-feira Santa");
        days.putIfAbsent(easter.plusDays(60), "Corpus Christi");
        for (LocalDate date : extra) {
            if (date.getYear() == year) {
                days.putIfAbsent(date, "Feriado configurado");
            }
        }
        return days.entrySet().stream().map(entry -> new Holiday(entry.getKey(), entry.getValue())).toList();
    }

    /** The holidays in {@code [from, to]}, in date order. */
    public List<Holiday> holidays(LocalDate from, LocalDate to) {
        List<Holiday> result = new ArrayList<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            for (Holiday holiday : holidays(year)) {
                if (!holiday.date().isBefore(from) && !holiday.date().isAfter(to)) {
                    result.add(holiday);
                }
            }
        }
        result.sort(Comparator.comparing(Holiday::date));
        return result;
    }

    public boolean isHoliday(LocalDate date) {
        return holidays(date, date).size() == 1;
    }

    /** Monday to Friday dates of the inclusive range that are not holidays; 0 when {@code from > to}. */
    public long businessDays(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            return 0;
        }
        long weekdays = weekdays(from, to);
        long weekdayHolidays = holidays(from, to).stream().filter(holiday -> isWeekday(holiday.date())).count();
        return weekdays - weekdayHolidays;
    }

    private static boolean isWeekday(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Monday to Friday dates in {@code [from, to]}, counted without walking the range. */
    private static long weekdays(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        long fullWeeks = days / 7;
        long count = fullWeeks * 5;
        LocalDate cursor = from.plusDays(fullWeeks * 7);
        while (!cursor.isAfter(to)) {
            if (isWeekday(cursor)) {
                count++;
            }
            cursor = cursor.plusDays(1);
        }
        return count;
    }
}
