/** The platform's sent mail, and resend. */
@NullMarked
package dev.quitto.console.mail;

import org.jspecify.annotations.NullMarked;
