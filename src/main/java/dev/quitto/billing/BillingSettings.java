package dev.quitto.billing;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * Billing's configuration ({@code quitto.billing}); validated at start-up, the application refuses to start when invalid.
 *
 * @param beneficiary  who is paid: bank data of the boleto and the PIX key
 * @param import_      how uploaded files are read
 * @param webhook      HMAC secrets of the payment webhook (none: unsigned requests are accepted)
 * @param links        signed PDF links in e-mails
 * @param mail         e-mail hand-over to the platform mail sender
 * @param reminders    reminder policy and schedule
 * @param matcherCron  schedule of the run that applies UNMATCHED payments whose debt has appeared
 */
@ConfigurationProperties("quitto.billing")
public record BillingSettings(@DefaultValue Beneficiary beneficiary,
                              @Name("import") @DefaultValue Import import_,
                              @DefaultValue Webhook webhook,
                              @DefaultValue Links links,
                              @DefaultValue MailHandOver mail,
                              @DefaultValue Reminders reminders,
                              @DefaultValue("0 * * * * *") String matcherCron) {

    private static final Pattern ASCII_PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");

    /**
     * @param bankCode 3 digits (default 237, Bradesco)
     * @param agency   4 digits
     * @param wallet   2 digits (carteira)
     * @param account  7 digits, without check digit
     * @param name     beneficiary name, at most 25 ASCII characters (upper-cased in the PIX payload)
     * @param cnpj     14 characters
     * @param pixKey   the PIX key, 1..77 characters
     * @param city     at most 15 ASCII characters
     */
    public record Beneficiary(@DefaultValue("237") String bankCode, @DefaultValue("1234") String agency,
                              @DefaultValue("09") String wallet, @DefaultValue("0012345") String account,
                              @DefaultValue("QUITTO COBRANCAS LTDA") String name, @DefaultValue("11222333000181") String cnpj,
                              @DefaultValue("123e4567-e12b-12d1-a456-426655440000") String pixKey,
                              @DefaultValue("SAO PAULO") String city) {

        public Beneficiary {
            List<String> problems = new ArrayList<>();
            digits(problems, "bank-code", bankCode, 3);
            digits(problems, "agency", agency, 4);
            digits(problems, "wallet", wallet, 2);
            digits(problems, "account", account, 7);
            if (!ASCII_PRINTABLE.matcher(name).matches() || name.length() > 25) {
                problems.add("name must be 1..25 printable ASCII characters");
            }
            if (!cnpj.matches("[0-9A-Z]{12}[0-9]{2}")) {
                problems.add("cnpj must be 14 characters (12 [0-9A-Z] + 2 digits)");
            }
            if (!ASCII_PRINTABLE.matcher(pixKey).matches() || pixKey.length() > 77) {
                problems.add("pix-key must be 1..77 printable ASCII characters");
            }
            if (!ASCII_PRINTABLE.matcher(city).matches() || city.length() > 15) {
                problems.add("city must be 1..15 printable ASCII characters");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("quitto.billing.beneficiary: " + String.join("; ", problems));
            }
        }

        private static void digits(List<String> problems, String name, String value, int length) {
            if (!value.matches("[0-9]{" + length + "}")) {
                problems.add(name + " must be " + length + " digits, got \"" + value + "\"");
            }
        }
    }

    /**
     * @param governmentIdPolicy LENIENT (1..14 digits or an alphanumeric CNPJ) or STRICT (a valid CPF or CNPJ)
     * @param maxSize            the largest debt file; larger gets 413 {@code file-too-large} (the platform's
     *                           {@code quitto.imports.max-size} applies too, whichever is smaller)
     */
    public record Import(@DefaultValue("LENIENT") GovernmentIdPolicy governmentIdPolicy, @DefaultValue("1GB") DataSize maxSize) {
    }

    public enum GovernmentIdPolicy { LENIENT, STRICT }

    /**
     * @param secrets   HMAC-SHA256 secrets (two allowed for rotation); empty accepts unsigned requests
     * @param tolerance the largest |now - t| of a signature
     */
    public record Webhook(@DefaultValue List<String> secrets, @DefaultValue("300s") Duration tolerance) {

        public Webhook {
            secrets = secrets.stream().filter(secret -> !secret.isBlank()).toList();
            if (secrets.size() > 2) {
                throw new IllegalArgumentException("quitto.billing.webhook.secrets holds at most two secrets (rotation)");
            }
        }
    }

    /**
     * @param publicBaseUrl base of the links put in e-mails
     * @param secret        HMAC key of the signed PDF links ({@code QUITTO_BILLING_LINK_SECRET}); when unset, a random key
     *                      of this process is used, so links stop working at restart and on other instances
     * @param validity      how long a link stays valid
     */
    public record Links(@DefaultValue("http://localhost:8080") String publicBaseUrl,
                        @DefaultValue("") String secret,
                        @DefaultValue("90d") Duration validity) {

        public Links {
            if (secret.isBlank()) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                secret = RANDOM_KEY_PREFIX + HexFormat.of().formatHex(key);
            }
            if (secret.length() < 16) {
                throw new IllegalArgumentException("quitto.billing.links.secret needs at least 16 characters");
            }
            publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        }

        private static final String RANDOM_KEY_PREFIX = "random:";

        /** True when no secret was configured and this process made up its own. */
        public boolean randomSecret() {
            return secret.startsWith(RANDOM_KEY_PREFIX);
        }
    }

    /**
     * @param pollInterval how often pending e-mails are handed to the platform mail sender
     * @param batchSize    e-mails handed over per transaction
     * @param autoStartup  whether the hand-over runs with the application
     * @param messageIdDomain right-hand side of the deterministic Message-IDs
     */
    public record MailHandOver(@DefaultValue("1s") Duration pollInterval, @DefaultValue("500") int batchSize,
                               @DefaultValue("true") boolean autoStartup, @DefaultValue("quitto.local") String messageIdDomain) {

        public MailHandOver {
            if (batchSize < 1) {
                throw new IllegalArgumentException("quitto.billing.mail.batch-size must be 1 or more");
            }
        }
    }

    /**
     * @param steps       days from the due date (-3, 0, 7 give REMINDER_D-3, REMINDER_D+0, REMINDER_D+7)
     * @param cron        when the reminder run enqueues due reminders (America/Sao_Paulo); {@code -} disables it
     * @param catchUpDays how many days after its step date a reminder may still go out
     */
    public record Reminders(@DefaultValue({"-3", "0", "7"}) List<Integer> steps, @DefaultValue("0 0 */6 * * *") String cron,
                            @DefaultValue("2") int catchUpDays) {

        public Reminders {
            if (catchUpDays < 0) {
                throw new IllegalArgumentException("quitto.billing.reminders.catch-up-days must be 0 or more");
            }
        }
    }
}
