package dev.quitto.platform.mail.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    /** SMTP when Spring Boot made a mail sender ({@code spring.mail.host} set), otherwise the log. */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> sender) {
        JavaMailSender smtp = sender.getIfAvailable();
        return smtp == null ? new LogTransport() : new SmtpTransport(smtp);
    }
}
