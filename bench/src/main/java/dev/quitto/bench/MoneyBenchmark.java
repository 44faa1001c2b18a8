package dev.quitto.bench;

import dev.quitto.platform.money.Money;
import dev.quitto.platform.money.MoneyParser;
import dev.quitto.platform.money.Rounding;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-row cost of reading and rounding an amount, paid 1.1 million times by a billing import. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MoneyBenchmark {

    private final String text = "7811.00";
    private final Money amount = Money.of("1000.00");
    private final BigDecimal rateTimesDays = new BigDecimal("0.45");
    private final BigDecimal period = new BigDecimal("30");

    @Benchmark
    public Object parseAmountText() {
        return MoneyParser.parse(text);
    }

    @Benchmark
    public Money proRataDiscountHalfEven() {
        return amount.times(rateTimesDays, period, Rounding.BANKERS);
    }
}
