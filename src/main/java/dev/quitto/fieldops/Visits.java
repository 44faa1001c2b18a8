package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldopsRefusals.VersionMismatch;
import dev.quitto.fieldops.FieldopsRefusals.VisitExists;
import dev.quitto.fieldops.FieldopsRefusals.VisitNotFound;
import dev.quitto.platform.time.BusinessTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading and changing visits: one application service for the seed and the canonical paths. */
@Service
class Visits {

    private final VisitRepository repository;
    private final Clock clock;

    Visits(VisitRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    LocalDate today() {
        return BusinessTime.today(clock);
    }

    /** A validated create: the id is optional (the sequence gives one), the visit may be "not visited". */
    record NewVisit(@Nullable Long id, long clientId, String angel, String polo, LocalDate deadline, FieldDates.Visit visit) {
    }

    /** A validated change: null fields stay as they are; {@code visitGiven} says whether {@code visit} replaces the visit. */
    record Change(@Nullable Long clientId, @Nullable String angel, @Nullable String polo, @Nullable LocalDate deadline,
                  boolean visitGiven, FieldDates.@Nullable Visit visit) {
    }

    @Transactional
    Visit create(NewVisit request) {
        Instant now = clock.instant();
        long id = request.id() == null ? repository.nextId() : request.id();
        repository.client(request.clientId(), now);
        long angel = repository.angel(request.angel(), now);
        long polo = repository.polo(request.polo(), now);
        var row = new VisitRepository.Row(request.clientId(), angel, polo, request.deadline(), request.visit().visitDate(),
                request.visit().visitedAt());
        if (!repository.insert(id, row, now)) {
            throw new VisitExists(id);
        }
        return repository.find(id).orElseThrow();
    }

    @Transactional
    Visit update(long id, Change change, @Nullable Integer ifMatch) {
        Instant now = clock.instant();
        VisitRepository.Locked locked = repository.lock(id).orElseThrow(() -> new VisitNotFound(id));
        if (ifMatch != null && ifMatch != locked.version()) {
            throw new VersionMismatch(ifMatch, locked.version());
        }
        VisitRepository.Row old = locked.row();
        long client = old.clientId();
        if (change.clientId() != null) {
            client = change.clientId();
            repository.client(client, now);
        }
        long angel = change.angel() == null ? old.angelId() : repository.angel(change.angel(), now);
        long polo = change.polo() == null ? old.poloId() : repository.polo(change.polo(), now);
        LocalDate deadline = change.deadline() == null ? old.deadline() : change.deadline();
        LocalDate visitDate = old.visitDate();
        Instant visitedAt = old.visitedAt();
        if (change.visitGiven()) {
            visitDate = change.visit() == null ? null : change.visit().visitDate();
            visitedAt = change.visit() == null ? null : change.visit().visitedAt();
        }
        repository.update(id, old, new VisitRepository.Row(client, angel, polo, deadline, visitDate, visitedAt), now);
        return repository.find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    Visit find(long id) {
        return repository.find(id).orElseThrow(() -> new VisitNotFound(id));
    }

    record Page(List<Visit> visits, long totalItems) {
    }

    @Transactional(readOnly = true)
    List<Visit> list(VisitFilter filter, String orderBy, long offset, int limit) {
        return repository.list(filter, orderBy, offset, limit);
    }

    @Transactional(readOnly = true)
    long count(VisitFilter filter) {
        return repository.count(filter);
    }
}
