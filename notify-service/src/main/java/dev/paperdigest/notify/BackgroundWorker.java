package dev.paperdigest.notify;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread that runs a task whenever it is woken, with wake-ups coalesced: a wake-up while the task runs queues
 * exactly one more run (which then sees whatever was committed meanwhile), more wake-ups queue nothing. Polls and
 * "after commit" observers call {@link #wake()}; nothing ever waits for the task.
 */
public final class BackgroundWorker {

    private final ExecutorService thread;
    private final Runnable task;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean stopped;

    public BackgroundWorker(String name, Runnable task) {
        this.task = task;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread worker = new Thread(runnable, name);
            worker.setDaemon(true);
            return worker;
        });
    }

    /** Queues a run unless one is queued already. */
    public void wake() {
        if (stopped || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                // Cleared before running: a wake-up during the run queues one more run.
                queued.set(false);
                if (!stopped) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            queued.set(false); // stopping
        }
    }

    public boolean isStopped() {
        return stopped;
    }

    /** No new run starts; the run in progress goes on (stopping several workers: halt them all, then stop each). */
    public void halt() {
        stopped = true;
        thread.shutdown();
    }

    /** No new run starts; the run in progress may finish within {@code wait}, then the thread is interrupted. */
    public void stop(Duration wait) {
        halt();
        try {
            if (!thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
