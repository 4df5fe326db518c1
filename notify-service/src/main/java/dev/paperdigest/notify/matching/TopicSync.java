package dev.paperdigest.notify.matching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Keeps this instance's {@link Matcher} in step with the topic table, which every instance writes to.
 *
 * <p>Topic ids come from a sequence and a topic is never changed in place, so before each match it is enough to
 * load the topics above the highest id seen so far. Two things escape that rule: a transaction that drew a lower
 * id may commit after a higher id was already loaded, and topics may be deleted (unsubscribe, a later issue). Both
 * show up as a difference between the number of topics in the table and in the matcher, and then the matcher is
 * rebuilt from the table. The cost per paper is two small queries; a rebuild is rare.
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
        register(entityManager.createQuery(
                "select t.id, t.query from Topic t where t.id > :after order by t.id", Object[].class)
                .setParameter("after", highestSeenId)
                .getResultList());
        long inTable = entityManager.createQuery("select count(t) from Topic t", Long.class).getSingleResult();
        if (inTable != matcher.size()) {
            LOG.debugf("matcher holds %d topics, table %d: rebuilding", matcher.size(), inTable);
            matcher.clear();
            highestSeenId = 0;
            register(entityManager.createQuery("select t.id, t.query from Topic t order by t.id", Object[].class)
                    .getResultList());
        }
    }

    private void register(List<Object[]> rows) {
        for (Object[] row : rows) {
            long id = (Long) row[0];
            matcher.register(id, (String) row[1]);
            highestSeenId = Math.max(highestSeenId, id);
        }
    }
}
