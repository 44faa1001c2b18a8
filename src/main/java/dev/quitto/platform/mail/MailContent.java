package dev.quitto.platform.mail;

import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The body of a message: a template rendered at send time, or text (and HTML) rendered by the caller. */
public sealed interface MailContent {

    /**
     * {@code templates/mail/<name>.txt} (required) and {@code templates/mail/<name>.html} (optional), Thymeleaf,
     * rendered in pt-BR with {@code model}. The model is stored as JSON, so its values are strings, numbers,
     * booleans, and lists or maps of them; format dates and amounts for people before enqueueing.
     *
     * @param name {@code <module>/<template>}, e.g. {@code billing/invoice}
     */
    record Template(String name, Map<String, Object> model) implements MailContent {

        private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+");

        public Template {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("A mail template name is <module>/<name> in lower case, not " + name);
            }
            model = Map.copyOf(model);
        }
    }

    /** Text rendered by the caller; with {@code html}, the message is multipart/alternative. */
    record Text(String text, @Nullable String html) implements MailContent {

        public Text {
            if (text.isBlank()) {
                throw new IllegalArgumentException("A mail needs a text part");
            }
        }
    }

    static Template template(String name, Map<String, ?> model) {
        return new Template(name, Map.copyOf(model));
    }

    static Text text(String text) {
        return new Text(text, null);
    }

    static Text text(String text, String html) {
        return new Text(text, html);
    }
}
