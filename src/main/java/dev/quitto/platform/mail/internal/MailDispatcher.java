package dev.quitto.platform.mail.internal;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.jobs.InstanceName;
import dev.quitto.platform.privacy.Masked;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.thymeleaf.exceptions.TemplateEngineException;
import tools.jackson.core.JacksonException;

/**
 * Sends queued e-mail, at most once. Each worker loops: take tokens from the rate limiter, claim that many due
 * PENDING rows ({@code FOR UPDATE SKIP LOCKED}, so instances never claim the same row) as SENDING under a lease,
 * send them outside any transaction over one SMTP connection, record each outcome. A transient failure is
 * retried with exponential backoff and jitter until {@code max-attempts}, then FAILED; a permanent one is FAILED at
 * once. A row still SENDING after its lease ends becomes UNKNOWN and is never sent again without an operator.
 * Idle workers poll every {@code poll-interval}; a commit that enqueued mail wakes them at once.
 */
@Component
public class MailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Duration LEASE_SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final MailRepository repository;
    private final MailTemplates templates;
    private final MailTransport transport;
    private final MailSettings settings;
    private final Clock clock;
    private final IdGenerator uuids;
    private final InstanceName instance;
    private final TokenBucket rate;
    private final AfterTransport afterTransport;
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Counter unknown;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private long wakeUps;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime() - LEASE_SWEEP_INTERVAL.toNanos());
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    MailDispatcher(MailRepository repository, MailTemplates templates, MailTransport transport, MailSettings settings, Clock clock,
                   IdGenerator uuids, InstanceName instance, MeterRegistry meters, ObjectProvider<Ticker> ticker,
                   ObjectProvider<AfterTransport> afterTransport) {
        this.repository = repository;
        this.templates = templates;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.uuids = uuids;
        this.instance = instance;
        this.rate = new TokenBucket(settings.ratePerSecond(), ticker.getIfAvailable(() -> Ticker.SYSTEM));
        this.afterTransport = afterTransport.getIfAvailable(() -> (mails, results) -> { });
        this.sent = Counter.builder("quitto.mail.sent").description("E-mails handed to the SMTP server (or the log)").register(meters);
        this.failed = Counter.builder("quitto.mail.failed").description("E-mails given up: permanent failure or out of attempts").register(meters);
        this.retried = Counter.builder("quitto.mail.retried").description("Transient send failures, retried later").register(meters);
        this.unknown = Counter.builder("quitto.mail.unknown").description("E-mails whose sender did not confirm within its lease").register(meters);
        Gauge.builder("quitto.mail.pending", repository, MailRepository::countPending)
                .description("E-mails waiting to be sent").strongReference(true).register(meters);
    }

    /** Looks for due mail now rather than at the next poll; called after a commit that enqueued mail. */
    public void wake() {
        lock.lock();
        try {
            wakeUps++;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        log.info("Mail: {}; instance {} sends at most {} a second with {} workers", transport.describe(), instance,
                settings.ratePerSecond(), settings.workers());
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofPlatform().name("mail-dispatcher-" + i).daemon().start(this::work));
        }
    }

    /** Stops claiming; a batch being sent is finished and recorded (up to 30 s) so that nothing is left SENDING. */
    @Override
    public void stop() {
        running = false;
        wake();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            long seen = wakeUpsSoFar();
            int handled;
            try {
                handled = dispatchOnce();
            } catch (DataAccessException e) {
                log.warn("Mail dispatch paused: the database is unavailable ({})", e.getMessage());
                handled = 0;
            } catch (RuntimeException e) {
                // A worker must outlive a bug: rows it claimed stay SENDING and turn UNKNOWN when their lease ends.
                log.error("Mail dispatch failed unexpectedly", e);
                handled = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (handled == 0) {
                idle(seen);
            }
        }
    }

    /** One claim-send-record round; returns how many messages it handled. */
    int dispatchOnce() throws InterruptedException {
        expireLeasesIfDue();
        int tokens = rate.take(settings.batchSize(), () -> running);
        if (tokens == 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<ClaimedMail> batch = List.of();
        try {
            batch = repository.claimDue(tokens, now, now.plus(settings.lease()), uuids.newId(), instance.value());
        } finally {
            rate.giveBack(tokens - batch.size());
        }
        if (batch.isEmpty()) {
            return 0;
        }
        deliver(batch);
        return batch.size();
    }

    private void deliver(List<ClaimedMail> batch) {
        List<ClaimedMail> prepared = new ArrayList<>();
        List<OutgoingMail> outgoing = new ArrayList<>();
        List<MailRepository.Failure> failures = new ArrayList<>();
        for (ClaimedMail mail : batch) {
            try {
                outgoing.add(prepare(mail));
                prepared.add(mail);
            } catch (TemplateEngineException | JacksonException e) {
                failures.add(new MailRepository.Failure(mail, "The template " + mail.template() + " cannot be rendered: " + e.getMessage()));
            }
        }
        List<SendResult> results = transport.send(outgoing);
        afterTransport.sent(outgoing, results);
        Instant now = clock.instant();
        List<ClaimedMail> sentMails = new ArrayList<>();
        List<MailRepository.Retry> retries = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            ClaimedMail mail = prepared.get(i);
            switch (results.get(i)) {
                case SendResult.Sent ignored -> sentMails.add(mail);
                case SendResult.Permanent permanent -> failures.add(new MailRepository.Failure(mail, permanent.error()));
                case SendResult.Transient trouble when mail.attempts() >= settings.maxAttempts() -> failures.add(
                        new MailRepository.Failure(mail, "Gave up after " + mail.attempts() + " attempts: " + trouble.error()));
                case SendResult.Transient trouble -> retries.add(new MailRepository.Retry(mail, now.plus(backoff(mail.attempts())), trouble.error()));
            }
        }
        repository.markSent(sentMails, now);
        repository.markForRetry(retries, now);
        repository.markFailed(failures, now);
        sent.increment(sentMails.size());
        retried.increment(retries.size());
        failed.increment(failures.size());
        // Recipients and the server's replies (which often quote the address) are logged masked; platform_mail keeps them whole.
        sentMails.forEach(mail -> log.debug("Mail {} ({}) to {} SENT", mail.id(), mail.businessKey(), Masked.emails(mail.recipients())));
        retries.forEach(retry -> log.warn("Mail {} ({}) to {} not sent, attempt {}; retrying at {}: {}", retry.mail().id(),
                retry.mail().businessKey(), Masked.emails(retry.mail().recipients()), retry.mail().attempts(), retry.nextAttemptAt(),
                Masked.emailsIn(retry.error())));
        failures.forEach(failure -> log.error("Mail {} ({}) to {} FAILED after attempt {}: {}", failure.mail().id(),
                failure.mail().businessKey(), Masked.emails(failure.mail().recipients()), failure.mail().attempts(),
                Masked.emailsIn(failure.error())));
    }

    private OutgoingMail prepare(ClaimedMail mail) {
        String text = mail.text();
        String html = mail.html();
        if (mail.template() != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> model = mail.modelJson() == null ? Map.of() : (Map<String, Object>) MailRepository.parseModel(mail.modelJson());
            MailTemplates.Rendered rendered = templates.render(mail.template(), model);
            text = rendered.text();
            html = rendered.html();
        }
        return new OutgoingMail(mail.id(), mail.messageId(), settings.from(), settings.replyTo(), mail.recipients(), mail.subject(),
                text == null ? "" : text, html);
    }

    /** retry-initial × 2^(attempts − 1), at most retry-max, moved at random by up to retry-jitter-percent. */
    Duration backoff(int attempts) {
        Duration wait = settings.retryInitial();
        for (int i = 1; i < attempts && wait.compareTo(settings.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        long millis = Math.min(wait.toMillis(), settings.retryMax().toMillis());
        long spread = millis * settings.retryJitterPercent() / 100;
        long jitter = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return Duration.ofMillis(millis + jitter);
    }

    private void expireLeasesIfDue() {
        long last = lastSweep.get();
        long now = System.nanoTime();
        if (now - last < LEASE_SWEEP_INTERVAL.toNanos() || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        for (MailRepository.Expired expired : repository.expireLeases(clock.instant())) {
            unknown.increment();
            log.warn("Mail {} ({}) UNKNOWN: {} claimed it and did not confirm within its lease; it is not re-sent automatically",
                    expired.id(), expired.businessKey(), expired.claimedBy());
        }
    }

    private long wakeUpsSoFar() {
        lock.lock();
        try {
            return wakeUps;
        } finally {
            lock.unlock();
        }
    }

    private void idle(long seen) {
        lock.lock();
        try {
            if (running && wakeUps == seen) {
                work.await(settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
