package dev.paperdigest.notify.preview;

import dev.paperdigest.notify.DatabaseTime;
import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.query.PaperFields;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The papers of the last {@link TopicPreview#MAX_DAYS} days in a small in-memory Lucene index, with the
 * fields and analyzers of the matcher ({@link PaperFields}), so a preview matches exactly as subscriptions do. It
 * follows the paper table (which every instance's consumer writes) by {@code received_at}, re-reading an overlap
 * so a late commit is not missed, and forgets papers that grew too old.
 */
@ApplicationScoped
public class RecentPapersIndex {

    private static final Logger LOG = Logger.getLogger(RecentPapersIndex.class);
    private static final String ID = "_id";
    private static final String RECEIVED = "_received";
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final EntityManager entityManager;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private Instant loadedUntil = Instant.EPOCH;

    public RecentPapersIndex(EntityManager entityManager) {
        this.entityManager = entityManager;
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(PaperFields.analyzer()));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of papers matching a query among those received since a moment. */
    public record Hits(long count, List<String> paperIds) {
    }

    /** The papers received since {@code since} that {@code query} matches: their count and the best {@code max}. */
    public Hits search(Query query, Instant since, int max) {
        refresh();
        Query recent = new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(RECEIVED, since.toEpochMilli(), Long.MAX_VALUE), BooleanClause.Occur.FILTER)
                .build();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(recent, Math.max(max, 1));
                List<String> ids = new ArrayList<>();
                for (ScoreDoc hit : top.scoreDocs) {
                    ids.add(searcher.storedFields().document(hit.doc).get(ID));
                }
                return new Hits(searcher.count(recent), ids);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        refresh();
    }

    /** Takes in the papers received since the last look and forgets those past the window. */
    synchronized void refresh() {
        Instant windowStart = Instant.now().minus(Duration.ofDays(TopicPreview.MAX_DAYS));
        Instant since = loadedUntil.minus(OVERLAP).isAfter(windowStart) ? loadedUntil.minus(OVERLAP) : windowStart;
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> papersSince(since));
        try {
            for (Object[] row : rows) {
                Instant received = DatabaseTime.toInstant(row[5]);
                String id = (String) row[0];
                @SuppressWarnings("unchecked")
                PaperDocument paper = new PaperDocument(id, (String) row[1], (String) row[2],
                        jsonList(row[3]), jsonList(row[4]));
                Document doc = PaperFields.toDocument(paper);
                doc.add(new StringField(ID, id, Field.Store.YES));
                doc.add(new LongPoint(RECEIVED, received.toEpochMilli()));
                doc.add(new NumericDocValuesField(RECEIVED, received.toEpochMilli()));
                writer.updateDocument(new Term(ID, id), doc);
                if (received.isAfter(loadedUntil)) {
                    loadedUntil = received;
                }
            }
            writer.deleteDocuments(LongPoint.newRangeQuery(RECEIVED, Long.MIN_VALUE, windowStart.toEpochMilli() - 1));
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.size() > 100) {
            LOG.infof("preview index took in %d papers", rows.size());
        }
    }

    private List<Object[]> papersSince(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, title, abstract, cast(authors as text), cast(categories as text), received_at
                from paper where received_at > :since order by received_at
                """).setParameter("since", since.atOffset(ZoneOffset.UTC)).getResultList();
        return rows;
    }

    private static List<String> jsonList(Object json) {
        try {
            return JSON.readValue((String) json, STRING_LIST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRING_LIST =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    void close(@Observes ShutdownEvent event) {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            LOG.debugf("closing the preview index: %s", e);
        }
    }
}
