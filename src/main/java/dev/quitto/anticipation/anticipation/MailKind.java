package dev.quitto.anticipation.anticipation;

/** The e-mail of each action, with the seed's subjects. */
enum MailKind {
    REQUESTED("New anticipation requested."), APPROVED("Anticipation approved."), DENIED("Anticipation denied.");

    private final String subject;

    MailKind(String subject) {
        this.subject = subject;
    }

    String subject() {
        return subject;
    }
}
