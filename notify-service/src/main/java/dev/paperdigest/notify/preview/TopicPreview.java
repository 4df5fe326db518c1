package dev.paperdigest.notify.preview;

import dev.paperdigest.notify.matching.query.TopicQuery;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import dev.paperdigest.notify.paper.Paper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a query would have matched: the papers of the last days, best matches first, so people can tune it. */
@ApplicationScoped
public class TopicPreview {

    /** The most days a preview looks back (and the recent papers index keeps). */
    public static final int MAX_DAYS = 30;
    /** The most papers a preview lists; it counts them all. */
    public static final int MAX_PAPERS = 50;

    private final TopicQueryParser parser;
    private final RecentPapersIndex index;
    private final EntityManager entityManager;
    private final Clock clock;

    public TopicPreview(TopicQueryParser parser, RecentPapersIndex index, EntityManager entityManager, Clock clock) {
        this.parser = parser;
        this.index = index;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The preview of a (validated) query over the last {@code days} days. */
    @Transactional
    public PreviewResult preview(String queryText, int days) {
        TopicQuery query = parser.parse(queryText);
        Instant since = clock.instant().minus(Duration.ofDays(days));
        RecentPapersIndex.Hits hits = index.search(query.query(), since, MAX_PAPERS);
        Map<String, Paper> papers = hits.paperIds().isEmpty() ? Map.of()
                : entityManager.createQuery("from Paper where id in :ids", Paper.class)
                        .setParameter("ids", hits.paperIds()).getResultStream()
                        .collect(Collectors.toMap(paper -> paper.id, Function.identity()));
        List<PreviewResult.PreviewPaper> listed = hits.paperIds().stream().map(papers::get)
                .filter(java.util.Objects::nonNull).map(PreviewResult.PreviewPaper::of).toList();
        return new PreviewResult(query.text(), days, hits.count(), listed);
    }
}
