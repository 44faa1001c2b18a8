package dev.quitto.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.quitto.QuittoApplication;
import dev.quitto.platform.jobs.Jobs;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-off job throughput of one instance: N jobs that do nothing but count are scheduled through
 * {@link Jobs#schedule} (1,000 per transaction) while the scheduler is paused, then timed from resuming it until all
 * have run. What is measured is db-scheduler's claim (lock-and-fetch), run and delete on PostgreSQL.
 * <pre>
 * java -cp target/classes:../target/quitto.jar:$(cat target/classpath.txt) dev.quitto.bench.JobsBenchmark \
 *     [--jobs=20000] [--rounds=3] [--durable] [--db-scheduler.threads=10] ...
 * </pre>
 */
public final class JobsBenchmark {

    static final AtomicLong RUNS = new AtomicLong();

    private JobsBenchmark() {
    }

    /** The benchmark's job; a bean of any context started from this class path. */
    @Configuration(proxyBeanMethods = false)
    static class BenchmarkJob {

        @Bean
        OneTimeTask<Void> benchCount() {
            return Tasks.oneTime("bench-count").execute((instance, context) -> RUNS.incrementAndGet());
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int jobs = 20_000;
        int rounds = 3;
        boolean durable = false;
        List<String> service = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--jobs=")) {
                jobs = Integer.parseInt(arg.substring("--jobs=".length()));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            } else if (arg.equals("--durable")) {
                durable = true;
            } else {
                service.add(arg);
            }
        }
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--logging.level.dev.quitto=warn"));
        arguments.add(durable ? "--quitto.data-dir=" + Files.createTempDirectory("quitto-bench-") : "--quitto.database.embedded.ephemeral=true");
        arguments.addAll(service);
        System.out.printf("Jobs benchmark: %d one-off jobs a round, %s database, service arguments %s%n", jobs,
                durable ? "durable (fsync on)" : "throw-away (fsync off)", service);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QuittoApplication.class).run(arguments.toArray(String[]::new))) {
            Scheduler scheduler = app.getBean(Scheduler.class);
            Jobs scheduling = app.getBean(Jobs.class);
            OneTimeTask<Void> task = app.getBean("benchCount", OneTimeTask.class);
            TransactionTemplate transaction = app.getBean(TransactionTemplate.class);

            round("warm-up", Math.min(jobs, 5_000), scheduler, scheduling, task, transaction);
            List<Double> rates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                rates.add(round("round " + round, jobs, scheduler, scheduling, task, transaction));
            }
            System.out.printf(Locale.ROOT, "Result: %s jobs/s (median %.0f)%n", rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList(),
                    rates.stream().sorted().toList().get(rates.size() / 2));
        }
    }

    private static double round(String name, int count, Scheduler scheduler, Jobs jobs, OneTimeTask<Void> task, TransactionTemplate transaction) {
        String run = UUID.randomUUID().toString();
        long before = RUNS.get();
        scheduler.pause();
        long scheduleStart = System.nanoTime();
        for (int from = 0; from < count; from += 1_000) {
            int first = from;
            transaction.executeWithoutResult(status -> {
                for (int i = first; i < Math.min(count, first + 1_000); i++) {
                    jobs.schedule(task, run + "-" + i, null);
                }
            });
        }
        long scheduled = System.nanoTime() - scheduleStart;

        long start = System.nanoTime();
        scheduler.resume();
        while (RUNS.get() - before < count) {
            pause();
        }
        long elapsed = System.nanoTime() - start;
        double rate = count / (elapsed / 1e9);
        System.out.printf(Locale.ROOT, "%-8s scheduled %d in %.2f s (%.0f/s); ran %d in %.2f s: %.0f jobs/s%n", name, count, scheduled / 1e9,
                count / (scheduled / 1e9), RUNS.get() - before, elapsed / 1e9, rate);
        return rate;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
