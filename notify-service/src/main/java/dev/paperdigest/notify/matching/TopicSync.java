package dev.paperdigest.notify.matching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps this instance's {@link Matcher} in step with the topic table, which every instance writes to.
 *
 * <p>Topic ids come from a sequence and a topic is never changed in place, so before each match
 * {@link #refresh()} loads the topics above the highest id seen so far. Then it compares the number of topics in
 * the table with the number in the matcher; when they differ, it rebuilds the matcher from the table in a new map
 * that replaces the old one at once (a concurrent match sees the old or the new set, never a half-built one).
 *
 * <p>Handled: topics committed in id order (the incremental load); a topic whose lower id commits after a higher
 * one was loaded, or a deleted topic (both change the count, so the matcher is rebuilt). Not handled: a late
 * commit and a deletion between two refreshes cancel out in the count, and the late topic is then missed until
 * the next rebuild; a topic changed in place would never be seen (none is). A topic committed after the refresh
 * does not take part in matching the paper at hand. Cost per paper: one aggregate query while no topic changed;
 * a rebuild is rare.
 */
@ApplicationScoped
public class TopicSync {

    private static final Logger LOG = Logger.getLogger(TopicSync.class);

    private final Matcher matcher;
    private final EntityManager entityManager;
    private long highestSeenId;

    public TopicSync(Matcher matcher, EntityManager entityManager) {
        this.matcher = matcher;
        this.entityManager = entityManager;
    }

    /** Brings the matcher up to date with the committed topics; call inside a transaction before matching. */
    public synchronized void refresh() {
        Object[] table = entityManager.createQuery("select count(t), coalesce(max(t.id), 0) from Topic t",
                Object[].class).getSingleResult();
        long inTable = ((Number) table[0]).longValue();
        if (((Number) table[1]).longValue() > highestSeenId) {
            for (Object[] row : topicsAbove(highestSeenId)) {
                long id = (Long) row[0];
                matcher.register(id, (String) row[1]);
                highestSeenId = Math.max(highestSeenId, id);
            }
        }
        if (inTable != matcher.size()) {
            LOG.debugf("matcher holds %d topics, table %d: rebuilding", matcher.size(), inTable);
            Map<Long, String> all = new LinkedHashMap<>();
            long highest = 0;
            for (Object[] row : topicsAbove(0)) {
                long id = (Long) row[0];
                all.put(id, (String) row[1]);
                highest = Math.max(highest, id);
            }
            matcher.replaceAll(all);
            highestSeenId = highest;
        }
    }

    /** (id, query) of the topics with an id above {@code after}, in id order. */
    private List<Object[]> topicsAbove(long after) {
        return entityManager.createQuery("select t.id, t.query from Topic t where t.id > :after order by t.id",
                Object[].class).setParameter("after", after).getResultList();
    }
}
