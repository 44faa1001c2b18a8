package dev.quitto.platform.mail.internal;

import java.util.List;

/**
 * A seam for fault tests: told what the transport did with a batch ({@code results[i]} for {@code mails[i]}) before
 * the outcomes are recorded, the one moment at which a stopped process leaves a message sent but still SENDING. The
 * application declares no bean of this type, so in production nothing happens here.
 */
interface AfterTransport {

    void sent(List<OutgoingMail> mails, List<SendResult> results);
}
