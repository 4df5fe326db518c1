package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.matching.query.PaperFields;
import dev.paperdigest.notify.matching.query.TopicQuery;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefIterator;
import org.apache.lucene.util.IOUtils;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Matches papers against the registered queries with Lucene Monitor, in memory.
 *
 * <p>Design (figures in {@code notify-service/target/benchmarks/matcher.md}, made by {@code MatcherBenchmark}):
 * <ul>
 * <li>The queries are split by id over one Monitor per core ("shards"). A match runs every shard on its own thread
 * over the same papers, so presearch and candidate queries use every core; registering a large set
 * ({@link #replaceAll}) builds the shards in parallel too.</li>
 * <li>Several papers are matched as one batch ({@link BatchIndex}): indexed once, shared by the shards, and each
 * candidate query runs once over the whole batch, which for a day of papers is far cheaper than once per paper.
 * Each Monitor's presearcher sees the batch's terms as one document, so it selects the same candidates it would
 * for the batch. A single paper (live consumption) goes through Monitor's own MemoryIndex path.</li>
 * <li>Presearcher: term-filtered, one term per query ({@link #presearcher()}).</li>
 * <li>A candidate query runs without query cache and collects query ids as numbers ({@link IdCollector}).</li>
 * </ul>
 *
 * <p>Writers ({@link #register}, {@link #unregister}, {@link #replaceAll}) take turns; matches run concurrently
 * with them. {@link #replaceAll} builds the new shards aside and swaps them in at once; the old ones are closed
 * when the matches still using them are done.
 */
@ApplicationScoped
public class LuceneMonitorMatcher implements Matcher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LuceneMonitorMatcher.class);

    /** Queries per Monitor commit when registering many at once (each commit also refreshes its searcher). */
    private static final int COMMIT_BATCH = 50_000;

    private final int shardCount;
    private final Supplier<Presearcher> presearchers;
    private final ExecutorService executor;
    private volatile Generation current;

    public LuceneMonitorMatcher() {
        this(Math.max(1, Runtime.getRuntime().availableProcessors()), LuceneMonitorMatcher::presearcher);
    }

    /**
     * @param shardCount   Monitors (and threads) to spread the queries over
     * @param presearchers makes the presearcher of each Monitor (the benchmark compares them)
     */
    public LuceneMonitorMatcher(int shardCount, Supplier<Presearcher> presearchers) {
        this.shardCount = shardCount;
        this.presearchers = presearchers;
        // No thread starts and no Monitor opens here (CDI runs this constructor for the client proxy too):
        // the pool starts its threads on first use, the Monitors come with the first queries.
        this.executor = Executors.newFixedThreadPool(shardCount, runnable -> {
            Thread thread = new Thread(runnable, "topic-matcher");
            thread.setDaemon(true);
            return thread;
        });
        this.current = new Generation(new Monitor[0]);
    }

    /**
     * The presearcher: Monitor's {@link TermFilteredPresearcher} (one term per query, the longest), with a leaner
     * query document ({@link CompactTermFilteredPresearcher}). Measured against
     * {@link MultipassTermFilteredPresearcher} (2 passes) at 100k topics (MatcherBenchmark,
     * {@code -Dbench.presearcher=multipass}): the day's batch costs the same CPU either way (nearly every query
     * whose terms occur somewhere in the day is a candidate), loading costs about twice the CPU with multipass, but
     * a single paper is ~15x faster with it (fewer candidates per paper). The day's batch and the start-up load are
     * what the targets bound, so term-filtered it is; the live path's latency is in the benchmark report.
     */
    public static Presearcher presearcher() {
        return new CompactTermFilteredPresearcher();
    }

    @Override
    public synchronized void register(Map<Long, TopicQuery> queries) {
        if (queries.isEmpty()) {
            return;
        }
        if (current.monitors.length == 0) {
            current = newGeneration();
        }
        Generation generation = current;
        generation.lock.readLock().lock();
        try {
            generation.register(queries, executor);
        } finally {
            generation.lock.readLock().unlock();
        }
    }

    @Override
    public synchronized void unregister(Collection<Long> queryIds) {
        Generation generation = current;
        generation.lock.readLock().lock();
        try {
            generation.unregister(queryIds);
        } finally {
            generation.lock.readLock().unlock();
        }
    }

    @Override
    public synchronized void replaceAll(Map<Long, TopicQuery> queries) {
        Generation fresh = newGeneration();
        try {
            fresh.register(queries, executor);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        Generation old = current;
        current = fresh;
        old.close(); // waits for the matches still running on it
    }

    @Override
    public int size() {
        return current.size();
    }

    @Override
    public Map<String, Set<Long>> match(List<PaperDocument> papers) {
        if (papers.isEmpty() || size() == 0) {
            return Map.of();
        }
        Document[] docs = new Document[papers.size()];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = PaperFields.toDocument(papers.get(i));
        }
        while (true) {
            Generation generation = current;
            generation.lock.readLock().lock();
            try {
                if (generation.closed) {
                    continue; // replaced between reading it and locking it: take the new one
                }
                long[][] byDoc = generation.match(docs, executor);
                Map<String, Set<Long>> result = new HashMap<>();
                for (int i = 0; i < docs.length; i++) {
                    if (byDoc[i].length > 0) {
                        // A paper id given twice: both entries' matches are the same, keep one.
                        result.put(papers.get(i).id(), new IdSet(byDoc[i]));
                    }
                }
                return result;
            } finally {
                generation.lock.readLock().unlock();
            }
        }
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        current.close();
        executor.shutdownNow();
    }

    private Generation newGeneration() {
        Monitor[] monitors = new Monitor[shardCount];
        try {
            for (int i = 0; i < shardCount; i++) {
                monitors[i] = new Monitor(PaperFields.analyzer(), presearchers.get(), new InMemoryConfiguration());
            }
        } catch (IOException e) {
            IOUtils.closeWhileHandlingException(monitors);
            throw new UncheckedIOException(e);
        }
        return new Generation(monitors);
    }

    /** Runs one task per shard on the pool and waits for all. */
    private static <T> List<T> onEveryShard(ExecutorService executor, List<Callable<T>> tasks) {
        try {
            List<T> results = new ArrayList<>(tasks.size());
            if (tasks.size() == 1) {
                results.add(tasks.get(0).call());
                return results;
            }
            for (Future<T> future : executor.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while matching", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One set of shards: the queries split by id, each share in its own Monitor. */
    private static final class Generation {
        final Monitor[] monitors;
        /** Registered ids per shard, to answer size() and count replacements right. */
        final Set<Long>[] ids;
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        volatile boolean closed;

        @SuppressWarnings("unchecked")
        Generation(Monitor[] monitors) {
            this.monitors = monitors;
            this.ids = new Set[monitors.length];
            for (int i = 0; i < monitors.length; i++) {
                ids[i] = ConcurrentHashMap.newKeySet();
            }
        }

        int shardOf(long id) {
            // The shards are fixed for a generation, so an id always lands in the same Monitor.
            return (int) Math.floorMod(id, (long) monitors.length);
        }

        int size() {
            int size = 0;
            for (Set<Long> shard : ids) {
                size += shard.size();
            }
            return size;
        }

        void register(Map<Long, TopicQuery> queries, ExecutorService executor) {
            List<List<Map.Entry<Long, TopicQuery>>> byShard = new ArrayList<>();
            for (int i = 0; i < monitors.length; i++) {
                byShard.add(new ArrayList<>());
            }
            for (Map.Entry<Long, TopicQuery> entry : queries.entrySet()) {
                byShard.get(shardOf(entry.getKey())).add(entry);
            }
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < monitors.length; i++) {
                int shard = i;
                if (byShard.get(shard).isEmpty()) {
                    continue;
                }
                tasks.add(() -> {
                    List<MonitorQuery> batch = new ArrayList<>();
                    for (Map.Entry<Long, TopicQuery> entry : byShard.get(shard)) {
                        batch.add(new MonitorQuery(Long.toString(entry.getKey()), entry.getValue().query()));
                        if (batch.size() == COMMIT_BATCH) {
                            monitors[shard].register(batch);
                            batch.clear();
                        }
                    }
                    monitors[shard].register(batch);
                    for (Map.Entry<Long, TopicQuery> entry : byShard.get(shard)) {
                        ids[shard].add(entry.getKey());
                    }
                    return null;
                });
            }
            onEveryShard(executor, tasks);
        }

        void unregister(Collection<Long> queryIds) {
            if (monitors.length == 0) {
                return;
            }
            Map<Integer, List<String>> byShard = new HashMap<>();
            for (Long id : queryIds) {
                int shard = shardOf(id);
                if (ids[shard].remove(id)) {
                    byShard.computeIfAbsent(shard, k -> new ArrayList<>()).add(Long.toString(id));
                }
            }
            try {
                for (Map.Entry<Integer, List<String>> entry : byShard.entrySet()) {
                    monitors[entry.getKey()].deleteById(entry.getValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Matching query ids of each document, sorted and distinct. */
        long[][] match(Document[] docs, ExecutorService executor) {
            if (docs.length == 1) {
                // One paper (live consumption): each Monitor indexes it in a MemoryIndex, the fastest path.
                return matchOnShards(executor, docs.length, monitor -> {
                    IdCollector[] holder = new IdCollector[1];
                    logErrors(monitor.match(docs[0], searcher -> holder[0] = new IdCollector(searcher, searcher))
                            .getErrors());
                    return holder[0].idsByDoc();
                });
            }
            try (BatchIndex batch = new BatchIndex(docs)) {
                return matchOnShards(executor, docs.length, monitor -> {
                    IdCollector[] holder = new IdCollector[1];
                    logErrors(monitor.match(batch.termsDocument(),
                            searcher -> holder[0] = new IdCollector(searcher, batch.searcher)).getErrors());
                    return holder[0].idsByDoc();
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Monitor runs on when a query fails (it should not: queries come from the parser) and reports it here. */
        private static void logErrors(Map<String, Exception> errors) {
            errors.forEach((id, e) -> LOG.errorf(e, "topic query %s failed to run; it matched nothing", id));
        }

        private long[][] matchOnShards(ExecutorService executor, int docCount, ShardMatch shardMatch) {
            List<Callable<long[][]>> tasks = new ArrayList<>();
            for (int i = 0; i < monitors.length; i++) {
                if (ids[i].isEmpty()) {
                    continue;
                }
                Monitor monitor = monitors[i];
                tasks.add(() -> shardMatch.match(monitor));
            }
            long[][] merged = new long[docCount][];
            Arrays.fill(merged, new long[0]);
            for (long[][] shard : onEveryShard(executor, tasks)) {
                for (int doc = 0; doc < docCount; doc++) {
                    if (shard[doc].length > 0) {
                        long[] both = Arrays.copyOf(merged[doc], merged[doc].length + shard[doc].length);
                        System.arraycopy(shard[doc], 0, both, merged[doc].length, shard[doc].length);
                        merged[doc] = both;
                    }
                }
            }
            for (long[] ids : merged) {
                Arrays.sort(ids); // each shard's ids are sorted and distinct, and no id is in two shards
            }
            return merged;
        }

        /** Closes the Monitors once no match uses them any more. */
        void close() {
            lock.writeLock().lock();
            try {
                closed = true;
                IOUtils.close(monitors);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /**
     * Runs each candidate query over the batch and notes its numeric id per matching document, instead of one
     * QueryMatch object and map entry per (query, document) as Monitor's simple matcher does. No query cache:
     * every query runs once per batch, so caching would only cost.
     */
    private static final class IdCollector extends CandidateMatcher<QueryMatch> {
        private final IndexSearcher papers;
        private final long[][] idsByDoc;
        private final int[] counts;

        /**
         * @param monitorSearcher the searcher Monitor made of the document it was given
         * @param papers          the searcher of the papers to run the candidates on
         */
        IdCollector(IndexSearcher monitorSearcher, IndexSearcher papers) {
            super(monitorSearcher);
            this.papers = papers;
            papers.setQueryCache(null);
            int maxDoc = papers.getIndexReader().maxDoc();
            idsByDoc = new long[maxDoc][];
            counts = new int[maxDoc];
        }

        @Override
        protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata)
                throws IOException {
            long id = Long.parseLong(queryId);
            // The searcher has no executor: its slices run one after another on this thread.
            papers.search(matchQuery, new CollectorManager<SimpleCollector, Void>() {
                @Override
                public SimpleCollector newCollector() {
                    return new SimpleCollector() {
                        private int docBase;

                        @Override
                        protected void doSetNextReader(LeafReaderContext context) {
                            docBase = context.docBase;
                        }

                        @Override
                        public void collect(int doc) {
                            add(docBase + doc, id);
                        }

                        @Override
                        public ScoreMode scoreMode() {
                            return ScoreMode.COMPLETE_NO_SCORES;
                        }
                    };
                }

                @Override
                public Void reduce(Collection<SimpleCollector> collectors) {
                    return null;
                }
            });
        }

        private void add(int doc, long id) {
            long[] ids = idsByDoc[doc];
            if (ids == null) {
                ids = idsByDoc[doc] = new long[8];
            } else if (counts[doc] == ids.length) {
                ids = idsByDoc[doc] = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[counts[doc]++] = id;
        }

        @Override
        public QueryMatch resolve(QueryMatch match1, QueryMatch match2) {
            return match1;
        }

        /** Sorted, distinct (a query split into disjuncts by Monitor may match a document more than once). */
        long[][] idsByDoc() {
            long[][] result = new long[idsByDoc.length][];
            for (int doc = 0; doc < idsByDoc.length; doc++) {
                if (idsByDoc[doc] == null) {
                    result[doc] = new long[0];
                    continue;
                }
                long[] ids = Arrays.copyOf(idsByDoc[doc], counts[doc]);
                Arrays.sort(ids);
                int distinct = 0;
                for (int i = 0; i < ids.length; i++) {
                    if (i == 0 || ids[i] != ids[i - 1]) {
                        ids[distinct++] = ids[i];
                    }
                }
                result[doc] = Arrays.copyOf(ids, distinct);
            }
            return result;
        }
    }

    /**
     * {@link TermFilteredPresearcher} whose query documents hold their few terms in a small sorted set instead of
     * a BytesRefHash per field: that hash starts with a 32 KB block, which made registering a million queries
     * allocate tens of gigabytes (and hold 32 KB per query until the commit). Same terms, same index.
     */
    static final class CompactTermFilteredPresearcher extends TermFilteredPresearcher {
        @Override
        protected Document buildQueryDocument(QueryTree querytree) {
            Map<String, TreeSet<BytesRef>> fieldTerms = new HashMap<>();
            querytree.collectTerms((field, term) ->
                    fieldTerms.computeIfAbsent(field, f -> new TreeSet<>()).add(BytesRef.deepCopyOf(term)));
            Document doc = new Document();
            for (Map.Entry<String, TreeSet<BytesRef>> entry : fieldTerms.entrySet()) {
                Iterator<BytesRef> terms = entry.getValue().iterator();
                doc.add(new Field(entry.getKey(), new TermsTokenStream(() -> terms.hasNext() ? terms.next() : null),
                        TERMS_ONLY));
            }
            return doc;
        }
    }

    /**
     * The matched query ids of a paper: a read-only set over a sorted array, so a day with millions of
     * (query, paper) matches does not box and hash each of them.
     */
    static final class IdSet extends AbstractSet<Long> {
        private final long[] ids;

        IdSet(long[] sortedDistinct) {
            this.ids = sortedDistinct;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Long id && Arrays.binarySearch(ids, id) >= 0;
        }

        @Override
        public Iterator<Long> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < ids.length;
                }

                @Override
                public Long next() {
                    if (next >= ids.length) {
                        throw new NoSuchElementException();
                    }
                    return ids[next++];
                }
            };
        }

        @Override
        public int size() {
            return ids.length;
        }
    }

    @FunctionalInterface
    private interface ShardMatch {
        long[][] match(Monitor monitor) throws IOException;
    }

    /**
     * The papers of one batch, indexed once for all shards, and their terms as one document for the presearchers.
     *
     * <p>Monitor's own batch path indexes the papers again for every Monitor (shard) in a ByteBuffersDirectory
     * whose files are lists of buffers, and every term lookup of every candidate query clones such a list. Here
     * the papers are indexed once, in files of one byte array each, and each Monitor gets a single document holding
     * every term of the batch per field: its presearcher selects the same candidates as for the whole batch (it
     * only looks at which terms occur), and {@link IdCollector} runs them on this index.
     */
    private static final class BatchIndex implements AutoCloseable {
        private final Directory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
                ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
        private final DirectoryReader reader;
        private final LeafReader leaf;
        final IndexSearcher searcher;

        BatchIndex(Document[] docs) throws IOException {
            IndexWriterConfig config = new IndexWriterConfig(PaperFields.analyzer());
            config.setRAMBufferSizeMB(256); // a day of papers in one segment
            config.setUseCompoundFile(false);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                writer.addDocuments(Arrays.asList(docs));
                writer.forceMerge(1);
            }
            reader = DirectoryReader.open(directory);
            leaf = reader.leaves().get(0).reader();
            searcher = new IndexSearcher(leaf);
            searcher.setQueryCache(null);
        }

        /** One document with every term of the batch, per field (single use: one per Monitor.match). */
        Document termsDocument() throws IOException {
            Document doc = new Document();
            for (FieldInfo field : leaf.getFieldInfos()) {
                Terms terms = leaf.terms(field.name);
                if (terms != null) {
                    doc.add(new Field(field.name, new TermsTokenStream(terms.iterator()), TERMS_ONLY));
                }
            }
            return doc;
        }

        @Override
        public void close() throws IOException {
            IOUtils.close(reader, directory);
        }
    }

    private static final FieldType TERMS_ONLY = new FieldType(TextField.TYPE_NOT_STORED);

    /** The terms of a terms enumeration as tokens. */
    private static final class TermsTokenStream extends TokenStream {
        private final BytesRefIterator terms;
        private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);

        TermsTokenStream(BytesRefIterator terms) {
            this.terms = terms;
        }

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            BytesRef next = terms.next();
            if (next == null) {
                return false;
            }
            term.setBytesRef(next);
            return true;
        }
    }

    /** In memory; a larger indexing buffer and fewer merges while loading. */
    private static final class InMemoryConfiguration extends MonitorConfiguration {
        InMemoryConfiguration() {
            setQueryUpdateBufferSize(COMMIT_BATCH);
            setPurgeFrequency(10, TimeUnit.MINUTES);
        }

        @Override
        protected IndexWriterConfig getIndexWriterConfig() {
            IndexWriterConfig config = super.getIndexWriterConfig();
            config.setRAMBufferSizeMB(64);
            TieredMergePolicy mergePolicy = new TieredMergePolicy();
            mergePolicy.setSegmentsPerTier(8);
            config.setMergePolicy(mergePolicy);
            return config;
        }
    }
}
