/**
 * The web console: server-rendered pages (Thymeleaf, htmx and Chart.js from webjars) behind a session login with
 * CSRF, on {@code /console/**}, {@code /login} and {@code /logout}. Each area is one controller and one template
 * folder, and contributes its links to the navigation ({@link dev.quitto.console.ConsoleArea}); pages call the
 * modules' public services, never their tables.
 */
@ApplicationModule(displayName = "Console", allowedDependencies = {"platform :: security", "platform :: web", "platform :: delivery",
        "platform :: mail", "platform :: imports", "platform :: time", "anticipation", "billing", "cashback", "consultation", "fieldops"})
@NullMarked
package dev.quitto.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
