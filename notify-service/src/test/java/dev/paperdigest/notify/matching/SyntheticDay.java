package dev.paperdigest.notify.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A day of papers built from real ones, for the matcher benchmark: only ~46 real papers are recorded, an arXiv day
 * has ~1,500.
 *
 * <ul>
 * <li>Title: a walk of a word-bigram chain trained on the real titles (words as written, case and punctuation
 * kept), from the first word of a random real title to an end of title, 4 to 20 words.</li>
 * <li>Abstract: 4 to 9 real sentences (sentences of all real abstracts, split after '.', '?' or '!' followed
 * by a space) drawn at random across papers, joined with spaces.</li>
 * <li>Authors: 2 to 8 real author names, uniformly; categories: for a third of the papers 1 to 3 of the real
 * categories of the arXiv feeds, for the others (Hugging Face papers carry none) 1 to 3 common ML categories.</li>
 * </ul>
 * Deterministic for a seed.
 */
final class SyntheticDay {

    private static final String END = "\u0000";
    private static final List<String> ML_CATEGORIES =
            List.of("cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "cs.RO", "cs.IR", "cs.SD", "eess.AS");

    private SyntheticDay() {
    }

    static List<PaperDocument> generate(List<PaperDocument> real, int count, long seed) {
        Random random = new Random(seed);
        Map<String, List<String>> chain = new HashMap<>();
        List<String> starts = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (PaperDocument paper : real) {
            String[] words = paper.title().strip().split("\\s+");
            starts.add(words[0]);
            for (int i = 0; i < words.length; i++) {
                chain.computeIfAbsent(words[i], k -> new ArrayList<>()).add(i + 1 < words.length ? words[i + 1] : END);
            }
            for (String sentence : paper.abstractText().strip().split("(?<=[.?!])\\s+")) {
                if (sentence.length() > 20) {
                    sentences.add(sentence.replaceAll("\\s+", " "));
                }
            }
            authors.addAll(paper.authors());
            categories.addAll(paper.categories());
        }
        List<PaperDocument> day = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            day.add(new PaperDocument("synthetic-" + n, title(chain, starts, random), abstractText(sentences, random),
                    pick(authors, 2 + random.nextInt(7), false, random),
                    random.nextInt(3) == 0 ? pick(categories, 1 + random.nextInt(3), true, random)
                            : pick(ML_CATEGORIES, 1 + random.nextInt(3), true, random)));
        }
        return day;
    }

    private static String title(Map<String, List<String>> chain, List<String> starts, Random random) {
        while (true) {
            List<String> words = new ArrayList<>();
            String word = starts.get(random.nextInt(starts.size()));
            while (!word.equals(END) && words.size() < 20) {
                words.add(word);
                List<String> next = chain.get(word);
                word = next.get(random.nextInt(next.size()));
            }
            if (words.size() >= 4) {
                return String.join(" ", words);
            }
        }
    }

    private static String abstractText(List<String> sentences, Random random) {
        int count = 4 + random.nextInt(6);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(sentences.get(random.nextInt(sentences.size())));
        }
        return text.toString();
    }

    private static List<String> pick(List<String> from, int count, boolean skewed, Random random) {
        Set<String> picked = new LinkedHashSet<>();
        for (int i = 0; i < count * 3 && picked.size() < count && !from.isEmpty(); i++) {
            // Skewed: the first values of the list (cs.LG before cs.SD) come up more often.
            double u = random.nextDouble();
            picked.add(from.get((int) ((skewed ? u * u : u) * from.size())));
        }
        return new ArrayList<>(picked);
    }
}
