package dev.quitto.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Everything the JVM logs while it is open, as the application's root logger receives it: each event's logger,
 * level, formatted message and stack trace. Opens with the production levels (root INFO, as Spring Boot's default) and
 * Quitto's own loggers at DEBUG, so a test sees at least what a production log would hold; closing restores the levels.
 * GreenMail's own lines are left out: it plays the debtors' mail provider, whose log is not the application's (it logs
 * every address it creates a mailbox for).
 */
public final class LogCapture implements AutoCloseable {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, @Nullable Level> levelsBefore = new HashMap<>();
    private static final String NOT_THE_APPLICATION = "com.icegreen.greenmail";

    private LogCapture(Map<String, Level> levels) {
        levels.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            levelsBefore.put(name, logger.getLevel());
            logger.setLevel(level);
        });
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Root at INFO, {@code dev.quitto} at DEBUG. */
    public static LogCapture start() {
        return new LogCapture(Map.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO, "dev.quitto", Level.DEBUG));
    }

    /** One line per event: {@code LEVEL logger: message}, followed by its stack trace if it has one. */
    public List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events) {
            if (event.getLoggerName().startsWith(NOT_THE_APPLICATION)) {
                continue;
            }
            String line = event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.add(line);
        }
        return lines;
    }

    /** All captured lines as one text. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        levelsBefore.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
