package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.log.LogAction;

/** What an operator decides on a pending request. */
public enum Decision {
    APPROVE(AnticipationStatus.APPROVED, LogAction.A, MailKind.APPROVED),
    DENY(AnticipationStatus.DENIED, LogAction.D, MailKind.DENIED);

    private final AnticipationStatus to;
    private final LogAction action;
    private final MailKind mail;

    Decision(AnticipationStatus to, LogAction action, MailKind mail) {
        this.to = to;
        this.action = action;
        this.mail = mail;
    }

    public AnticipationStatus to() {
        return to;
    }

    LogAction action() {
        return action;
    }

    MailKind mail() {
        return mail;
    }
}
