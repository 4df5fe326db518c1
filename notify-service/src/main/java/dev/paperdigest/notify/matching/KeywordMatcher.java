package dev.paperdigest.notify.matching;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Case-insensitive whole-word keywords over title and abstract: a topic matches when every one of its words occurs
 * as a whole word. Words are runs of letters and digits, so punctuation and hyphens separate words
 * ("diffusion-based" contains "diffusion") while "diffusions" does not contain "diffusion".
 */
@ApplicationScoped
public class KeywordMatcher implements Matcher {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    // Replaced as a whole by replaceAll; match() reads the reference once, so it never sees a half-built map.
    // Writers (register, unregister, replaceAll) take turns: TopicSync is the only one and is synchronized.
    private volatile Map<Long, Set<String>> wordsByTopic = new ConcurrentHashMap<>();

    @Override
    public void register(long topicId, String query) {
        wordsByTopic.put(topicId, words(query));
    }

    @Override
    public void unregister(long topicId) {
        wordsByTopic.remove(topicId);
    }

    @Override
    public void replaceAll(Map<Long, String> queriesById) {
        Map<Long, Set<String>> rebuilt = new ConcurrentHashMap<>();
        queriesById.forEach((topicId, query) -> rebuilt.put(topicId, words(query)));
        wordsByTopic = rebuilt;
    }

    @Override
    public int size() {
        return wordsByTopic.size();
    }

    @Override
    public Set<Long> match(PaperDocument paper) {
        Set<String> text = words(nullToEmpty(paper.title()) + " " + nullToEmpty(paper.abstractText()));
        Set<Long> matches = new TreeSet<>();
        Map<Long, Set<String>> current = wordsByTopic;
        current.forEach((topicId, words) -> {
            // A query without a single word could match everything or nothing; it matches nothing.
            if (!words.isEmpty() && text.containsAll(words)) {
                matches.add(topicId);
            }
        });
        return matches;
    }

    /** The distinct lower-case words of a text. */
    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
