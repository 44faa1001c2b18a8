package dev.quitto.platform.mail.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Thymeleaf for e-mail, separate from any web view engine: {@code templates/mail/<name>.txt} in TEXT mode and
 * {@code templates/mail/<name>.html} in HTML mode (escaped), rendered in pt-BR.
 */
@Component
public class MailTemplates {

    static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final String PREFIX = "templates/mail/";

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MailTemplates() {
        engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 1));
        engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 2));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(PREFIX);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** Whether {@code name} has its (required) text template. */
    public boolean exists(String name) {
        return new ClassPathResource(PREFIX + name + ".txt").exists();
    }

    Rendered render(String name, Map<String, Object> model) {
        Context context = new Context(PT_BR, model);
        String text = engine.process(name + ".txt", context);
        String html = new ClassPathResource(PREFIX + name + ".html").exists() ? engine.process(name + ".html", context) : null;
        return new Rendered(text, html);
    }

    record Rendered(String text, @Nullable String html) {
    }
}
