package dev.quitto.testsupport;

import dev.quitto.QuittoApplication;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;

/**
 * An instance of the service in its own JVM, for tests that kill it with SIGKILL (nothing runs at exit, as after
 * {@code kill -9}). Its clock stands still at the instant the test gives, so its view of due and expired rows matches
 * the test's frozen clock. Start it with {@link #start}; {@link Process#destroyForcibly()} kills it.
 */
public final class ChildInstance {

    private ChildInstance() {
    }

    /** {@code main(epochMillis, springArguments...)}: runs the service with the test profile and a clock fixed at that instant. */
    public static void main(String[] args) {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(Long.parseLong(args[0])), dev.quitto.platform.time.BusinessTime.ZONE);
        new SpringApplicationBuilder(QuittoApplication.class)
                .profiles("test")
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("instanceClock", Clock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run(Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * Starts a child JVM on this JVM's classpath, its output in {@code log}; on a random port unless {@code arguments}
     * name one ({@code --server.port=…}, for a test that calls the child over HTTP).
     */
    public static Process start(Instant clock, File log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ChildInstance.class.getName(), String.valueOf(clock.toEpochMilli())));
        if (Arrays.stream(arguments).noneMatch(argument -> argument.startsWith("--server.port="))) {
            command.add("--server.port=0");
        }
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
