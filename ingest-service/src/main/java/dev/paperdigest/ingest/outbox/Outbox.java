package dev.paperdigest.ingest.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Appends events to the outbox inside the caller's transaction; {@link OutboxRelay} publishes them once that
 * transaction has committed.
 */
@ApplicationScoped
public class Outbox {

    private final Event<RowsAdded> rowsAdded;

    public Outbox(Event<RowsAdded> rowsAdded) {
        this.rowsAdded = rowsAdded;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(OutboxEvent event) {
        event.persist();
        // Delivered after commit (see OutboxRelay#onRowsAdded); dropped on rollback.
        rowsAdded.fire(new RowsAdded());
    }

    /** Fired inside the transaction that added outbox rows. */
    public record RowsAdded() {
    }
}
