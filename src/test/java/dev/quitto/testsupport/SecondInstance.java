package dev.quitto.testsupport;

import dev.quitto.QuittoApplication;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Another instance of the whole service in this JVM, as a second server behind a load balancer would be: its own
 * Spring context, web server, scheduler and mail dispatcher, the same embedded PostgreSQL (one server per data
 * folder per JVM) and the same test SMTP server. Close it at the end of the test.
 */
public final class SecondInstance {

    private SecondInstance() {
    }

    /**
     * Starts an instance named {@code name} whose time is {@code clock} (pass the test's {@link TestClock} to share
     * time with the first instance). {@code arguments} are command-line arguments such as
     * {@code --quitto.mail.rate-per-second=5}; they win over every other source.
     */
    public static ConfigurableApplicationContext start(String name, Clock clock, String... arguments) {
        return start(name, clock, List.of(), arguments);
    }

    /** As {@link #start(String, Clock, String...)}, with {@code beans} (such as a test double of a platform seam) in its context. */
    public static ConfigurableApplicationContext start(String name, Clock clock, List<Object> beans, String... arguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--quitto.instance-name=" + name));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(QuittoApplication.class)
                .profiles("test")
                .initializers(context -> {
                    GenericApplicationContext generic = (GenericApplicationContext) context;
                    generic.registerBean("instanceClock", Clock.class, () -> clock, definition -> definition.setPrimary(true));
                    beans.forEach(bean -> register(generic, bean));
                })
                .run(args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private static <T> void register(GenericApplicationContext context, T bean) {
        context.registerBean(bean.getClass().getName(), (Class<T>) bean.getClass(), () -> bean);
    }
}
