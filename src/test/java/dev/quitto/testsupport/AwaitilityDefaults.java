package dev.quitto.testsupport;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility by default rethrows, in whichever test is awaiting, an exception any thread of the JVM did not catch. In
 * this JVM that includes GreenMail's connection threads and every cached context's workers, so one SMTP client closing
 * a connection abruptly failed an unrelated import test (CI of 2026-12-03). An await here fails on its own condition.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
