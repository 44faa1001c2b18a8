package dev.quitto.platform.mail.internal;

import dev.quitto.platform.mail.MailStatus;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import java.security.Principal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The sent-mail table for people: every message with its state, newest first; resend what did not go out. */
@RestController
@RequestMapping("/api/v1/platform/mail")
class MailController {

    private final MailRepository repository;
    private final MailResend resend;

    MailController(MailRepository repository, MailResend resend) {
        this.repository = repository;
        this.resend = resend;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'AUDITOR')")
    Paged<MailView> list(@RequestParam(required = false) @Nullable MailStatus status,
                         @RequestParam(required = false) @Nullable String businessKey,
                         @RequestParam(required = false) @Nullable Integer page,
                         @RequestParam(required = false) @Nullable Integer size) {
        PageQuery query = PageQuery.of(page, size);
        MailFilter filter = new MailFilter(status, businessKey == null || businessKey.isBlank() ? null : businessKey);
        return Paged.of(repository.list(filter, query.size(), query.offset()), query, repository.count(filter),
                ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'AUDITOR')")
    MailView show(@PathVariable UUID id) {
        return repository.find(id).orElseThrow(() -> new MailNotFound(id));
    }

    @PostMapping("/{id}/resend")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    MailView resend(@PathVariable UUID id, Principal operator) {
        return resend.resend(id, operator.getName());
    }
}
