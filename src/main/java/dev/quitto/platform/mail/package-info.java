/**
 * Outgoing e-mail: {@link dev.quitto.platform.mail.Mail#enqueue} writes the message in the caller's transaction;
 * after commit a dispatcher sends it (SMTP when {@code spring.mail.host} is set, otherwise to the log), at most
 * once per business key, rate-limited, as multipart/alternative text + HTML rendered from Thymeleaf templates under
 * {@code templates/mail/<module>/<name>.(txt|html)}.
 */
@NamedInterface("mail")
@NullMarked
package dev.quitto.platform.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
