package dev.paperdigest.notify.mail;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Refreshes the gauge {@code paperdigest.mails.pending} of every mail queue every 15 s, so that scrapes never query
 * the database. Started with the application, and with it the mailers, whose meters then exist from the start.
 */
@ApplicationScoped
@Startup
public class MailQueueCounts {

    private final List<QueuedMailer<?>> mailers;

    public MailQueueCounts(@All List<QueuedMailer<?>> mailers) {
        this.mailers = mailers;
    }

    @Scheduled(identity = "mail-queue-counts", every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void count() {
        mailers.forEach(QueuedMailer::countPending);
    }
}
