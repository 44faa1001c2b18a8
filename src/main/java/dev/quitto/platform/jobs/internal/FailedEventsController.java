package dev.quitto.platform.jobs.internal;

import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Event publications whose listener failed: the ones still retried and the ones given up on. */
@RestController
@RequestMapping("/api/v1/platform/events")
class FailedEventsController {

    private final EventPublications publications;

    FailedEventsController(EventPublications publications) {
        this.publications = publications;
    }

    @GetMapping("/failed")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    Paged<FailedEventView> failed(@RequestParam(required = false) @Nullable Integer page,
                                  @RequestParam(required = false) @Nullable Integer size) {
        PageQuery query = PageQuery.of(page, size);
        return Paged.of(publications.findFailed(query.size(), query.offset()), query, publications.countFailed(),
                ServletUriComponentsBuilder.fromCurrentRequest());
    }
}
