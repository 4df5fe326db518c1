package dev.paperdigest.notify.paper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;

/** Stores papers; the first stored version of a paper stays (a new version does not re-notify). */
@ApplicationScoped
public class PaperStore {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    public PaperStore(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    /**
     * Inserts the paper unless one with its id exists. An upsert rather than find-then-persist, so two consumers
     * that race on the same paper cannot fail each other's transaction.
     *
     * @return true when the paper was new
     */
    public boolean insertIfAbsent(Paper paper) {
        int inserted = entityManager.createNativeQuery("""
                insert into paper (id, version, title, abstract, authors, categories, primary_category, published_at,
                                   abs_url, pdf_url, huggingface_url, upvotes, sources)
                values (:id, :version, :title, :abstract, cast(:authors as jsonb), cast(:categories as jsonb),
                        :primaryCategory, :publishedAt, :absUrl, :pdfUrl, :huggingfaceUrl, :upvotes,
                        cast(:sources as jsonb))
                on conflict (id) do nothing
                """)
                .setParameter("id", paper.id)
                .setParameter("version", paper.version)
                .setParameter("title", paper.title)
                .setParameter("abstract", paper.abstractText)
                .setParameter("authors", json(paper.authors))
                .setParameter("categories", json(paper.categories))
                .setParameter("primaryCategory", paper.primaryCategory)
                .setParameter("publishedAt", paper.publishedAt)
                .setParameter("absUrl", paper.absUrl)
                .setParameter("pdfUrl", paper.pdfUrl)
                .setParameter("huggingfaceUrl", paper.huggingfaceUrl)
                .setParameter("upvotes", paper.upvotes)
                .setParameter("sources", json(paper.sources))
                .executeUpdate();
        return inserted == 1;
    }

    private String json(List<String> values) {
        try {
            return objectMapper.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }
}
