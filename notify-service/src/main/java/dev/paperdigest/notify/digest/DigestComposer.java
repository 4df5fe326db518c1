package dev.paperdigest.notify.digest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.OneLineText;
import dev.paperdigest.notify.mail.HttpLinks;
import dev.paperdigest.notify.mail.SubscriberLinks;
import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.query.InvalidTopicQueryException;
import dev.paperdigest.notify.matching.query.MatchExplainer;
import dev.paperdigest.notify.matching.query.PaperFields;
import dev.paperdigest.notify.matching.query.TopicQuery;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import dev.paperdigest.notify.paper.Paper;
import dev.paperdigest.notify.paper.PaperMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the papers of a digest into the mail: each paper once, under the topic it matched best (noting the others it
 * matched too), ranked by how strongly it matched (topics matched, then matched words with title words counting
 * more, then Hugging Face upvotes), with the matched words highlighted in the title and in an abstract snippet.
 */
@ApplicationScoped
public class DigestComposer {

    static final int MAX_AUTHORS = 3;
    static final int SNIPPET_LENGTH = 320;
    static final int SUBJECT_LENGTH = 150;
    private static final int TITLE_WEIGHT = 3;

    private final TopicQueryParser parser;
    private final MatchExplainer explainer;
    /** What each query matched in each paper, shared by every digest (see highlight-cache-size). */
    private final Cache<Explained, List<MatchExplainer.Span>> highlights;

    @Inject
    public DigestComposer(TopicQueryParser parser, MatchExplainer explainer, NotifyConfig config) {
        this(parser, explainer, config.digest().highlightCacheSize());
    }

    DigestComposer(TopicQueryParser parser, MatchExplainer explainer, long highlightCacheSize) {
        this.parser = parser;
        this.explainer = explainer;
        this.highlights = Caffeine.newBuilder().maximumSize(highlightCacheSize).build();
    }

    /** A topic of the subscriber: its text as written and its distinct query. */
    public record Topic(String text, long queryId) {
    }

    /** A paper of the digest with the distinct queries it matched. */
    public record MatchedPaper(Paper paper, Set<Long> queryIds) {
    }

    private record Ranked(MatchedPaper paper, String topic, List<String> alsoTopics, int topics, int strength,
            List<MatchExplainer.Span> spans) {
    }

    /** One digest; see {@link Batch} to compose several. */
    public DigestMail compose(List<Topic> topics, List<MatchedPaper> papers, int maxPapers, SubscriberLinks.Links links) {
        return batch().compose(topics, papers, maxPapers, links);
    }

    /** Composes digests that share parsed queries and indexed papers. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * A query's matches in a paper, as long as the paper reads the same ({@code content}: a hash of what it is
     * matched on, so a revised abstract is explained anew).
     */
    private record Explained(String paperId, int content, long queryId) {
    }

    /** The digests of one sending batch (not thread-safe; short-lived). */
    public final class Batch {

        private final Map<Long, TopicQuery> parsed = new HashMap<>();
        private final Map<String, MatchExplainer.IndexedPaper> indexed = new HashMap<>();

        private Batch() {
        }

        public DigestMail compose(List<Topic> topics, List<MatchedPaper> papers, int maxPapers,
                SubscriberLinks.Links links) {
            Map<Long, List<Topic>> topicsByQuery = new LinkedHashMap<>();
            topics.forEach(topic -> topicsByQuery.computeIfAbsent(topic.queryId(), k -> new ArrayList<>()).add(topic));

            List<Ranked> ranked = new ArrayList<>();
            for (MatchedPaper matched : papers) {
                PaperDocument document = PaperMapper.toDocument(matched.paper());
                String best = null;
                int bestStrength = -1;
                int strength = 0;
                List<String> names = new ArrayList<>();
                List<MatchExplainer.Span> spans = new ArrayList<>();
                for (Map.Entry<Long, List<Topic>> entry : topicsByQuery.entrySet()) {
                    if (!matched.queryIds().contains(entry.getKey())) {
                        continue;
                    }
                    List<MatchExplainer.Span> topicSpans =
                            explain(matched.paper().id, document, entry.getValue().get(0));
                    int topicStrength = strength(topicSpans);
                    strength += topicStrength;
                    spans.addAll(topicSpans);
                    for (Topic topic : entry.getValue()) {
                        names.add(topic.text());
                        if (topicStrength > bestStrength) {
                            best = topic.text();
                            bestStrength = topicStrength;
                        }
                    }
                }
                if (best == null) {
                    continue; // its topic was removed since it matched
                }
                String chosen = best;
                ranked.add(new Ranked(matched, chosen, names.stream().filter(name -> !name.equals(chosen)).toList(),
                        names.size(), strength, spans));
            }
            ranked.sort(Comparator.comparingInt(Ranked::topics).reversed()
                    .thenComparing(Comparator.comparingInt(Ranked::strength).reversed())
                    .thenComparing(r -> -upvotes(r.paper().paper()))
                    .thenComparing(r -> r.paper().paper().id));

            List<DigestMail.DigestPaper> listed = ranked.stream().limit(maxPapers).map(DigestComposer::render).toList();
            // Every topic that matched a paper, in the subscriber's order.
            Set<String> matchedNames = new java.util.HashSet<>();
            ranked.forEach(r -> {
                matchedNames.add(r.topic());
                matchedNames.addAll(r.alsoTopics());
            });
            List<String> matchedTopics = topics.stream().map(Topic::text).filter(matchedNames::contains).distinct()
                    .toList();
            return new DigestMail(subject(ranked.size(), matchedTopics), ranked.size(), listed,
                    ranked.size() - listed.size(), matchedTopics, links);
        }

        private List<MatchExplainer.Span> explain(String paperId, PaperDocument document, Topic topic) {
            return highlights.get(new Explained(paperId, document.hashCode(), topic.queryId()), key -> {
                try {
                    TopicQuery query = parsed.computeIfAbsent(topic.queryId(), id -> parser.parse(topic.text()));
                    return explainer.explain(indexed.computeIfAbsent(paperId, id -> explainer.index(document)), query)
                            .spans();
                } catch (InvalidTopicQueryException e) {
                    return List.of(); // a topic of an older query language: listed, not highlighted
                }
            });
        }
    }

    private static int strength(List<MatchExplainer.Span> spans) {
        return spans.stream().mapToInt(span -> PaperFields.TITLE.equals(span.field()) ? TITLE_WEIGHT : 1).sum() + 1;
    }

    private static int upvotes(Paper paper) {
        return paper.upvotes == null ? 0 : paper.upvotes;
    }

    /** "3 new papers on diffusion, LLM agents", one line, capped. */
    static String subject(int count, List<String> topics) {
        String papers = count == 1 ? "1 new paper" : count + " new papers";
        return OneLineText.of(papers + " on " + String.join(", ", topics), SUBJECT_LENGTH);
    }

    private static DigestMail.DigestPaper render(Ranked ranked) {
        Paper paper = ranked.paper().paper();
        List<String> authors = paper.authors == null ? List.of() : paper.authors;
        String byline = String.join(", ", authors.stream().limit(MAX_AUTHORS).map(OneLineText::of).toList())
                + (authors.size() > MAX_AUTHORS ? " et al." : "");
        return new DigestMail.DigestPaper(paper.id,
                Highlights.segments(paper.title, spansOf(ranked.spans(), PaperFields.TITLE), Integer.MAX_VALUE),
                Highlights.segments(paper.abstractText, spansOf(ranked.spans(), PaperFields.ABSTRACT), SNIPPET_LENGTH),
                byline,
                paper.categories == null ? List.of() : paper.categories.stream().map(OneLineText::of).toList(),
                HttpLinks.httpUrlOrNull(paper.absUrl), HttpLinks.httpUrlOrNull(paper.pdfUrl),
                HttpLinks.httpUrlOrNull(paper.huggingfaceUrl), paper.upvotes, ranked.topic(), ranked.alsoTopics());
    }

    private static List<MatchExplainer.Span> spansOf(List<MatchExplainer.Span> spans, String field) {
        return spans.stream().filter(span -> field.equals(span.field())).toList();
    }
}
