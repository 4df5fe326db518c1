package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.matching.query.PaperFields;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subscriber topics as people write them, drawn Zipf-like from the words, bigrams and phrases of real paper titles
 * and abstracts, for the matcher benchmark.
 *
 * <p>Vocabulary: lower-case words of 3+ letters that are not stop words (a title occurrence counts 3, an abstract
 * one 1), the same for word pairs, and 3-word title phrases; words and pairs found in more than {@value #GENERIC_SHARE}
 * of the real papers ("model", "language", ...) are left out as topics of their own (nobody subscribes to them)
 * but stay inside phrases. Each list is ranked by count and drawn with P(rank r) proportional to 1/(r+1)^s.
 *
 * <p>Shapes (shares): one word 6%, two words 30%, a two-word phrase in quotes 8%, quoted phrase and word 12%,
 * the pair unquoted 6%, unquoted pair and word 10%, three words 10%, three-word phrase 4%, (a OR b) c 4%,
 * a b -c 3%, prefix* word 3%, an author 2% (quoted full name or last name), category:x word 2%. The first
 * letter of each word is capitalized at random, as people type. Deterministic for a seed.
 */
final class TopicGenerator {

    static final double GENERIC_SHARE = 0.05;
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}]*");

    private final Random random;
    private final Zipf words;
    private final Zipf bigrams;
    private final Zipf trigrams;
    private final List<String> authors;
    private final List<String> categories;

    TopicGenerator(List<PaperDocument> real, double exponent, long seed) {
        this.random = new Random(seed);
        Map<String, Integer> wordCounts = new HashMap<>();
        Map<String, Integer> bigramCounts = new HashMap<>();
        Map<String, Integer> trigramCounts = new HashMap<>();
        Map<String, Integer> papersWithWord = new HashMap<>();
        Set<String> authorSet = new HashSet<>();
        Set<String> categorySet = new HashSet<>();
        for (PaperDocument paper : real) {
            Set<String> seen = new HashSet<>();
            count(words(paper.title()), 3, wordCounts, bigramCounts, trigramCounts, seen);
            count(words(paper.abstractText()), 1, wordCounts, bigramCounts, null, seen);
            seen.forEach(w -> papersWithWord.merge(w, 1, Integer::sum));
            authorSet.addAll(paper.authors());
            categorySet.addAll(paper.categories());
        }
        wordCounts.keySet().removeIf(w -> papersWithWord.getOrDefault(w, 0) > GENERIC_SHARE * real.size());
        bigramCounts.keySet().removeIf(b -> papersWithWord.getOrDefault(b, 0) > GENERIC_SHARE * real.size());
        this.words = new Zipf(ranked(wordCounts), exponent);
        this.bigrams = new Zipf(ranked(bigramCounts), exponent);
        this.trigrams = new Zipf(ranked(trigramCounts), exponent);
        this.authors = authorSet.stream().sorted().toList();
        this.categories = categorySet.stream().sorted().toList();
    }

    String next() {
        int shape = random.nextInt(100);
        if (shape < 6) {
            return word();
        } else if (shape < 36) {
            return word() + " " + word();
        } else if (shape < 44) {
            return "\"" + cased(bigrams.next(random)) + "\"";
        } else if (shape < 56) {
            return "\"" + cased(bigrams.next(random)) + "\" " + word();
        } else if (shape < 62) {
            return cased(bigrams.next(random));
        } else if (shape < 72) {
            return cased(bigrams.next(random)) + " " + word();
        } else if (shape < 82) {
            return word() + " " + word() + " " + word();
        } else if (shape < 86) {
            return "\"" + cased(trigrams.next(random)) + "\"";
        } else if (shape < 90) {
            return "(" + word() + " OR " + word() + ") " + word();
        } else if (shape < 93) {
            return word() + " " + word() + " -" + word();
        } else if (shape < 96) {
            String stem = words.next(random);
            while (stem.length() < 5) {
                stem = words.next(random);
            }
            return stem.substring(0, 3 + random.nextInt(stem.length() - 3)) + "* " + word();
        } else if (shape < 98) {
            String author = authors.get((int) (Math.pow(random.nextDouble(), 2) * authors.size()));
            String[] names = author.strip().split("\\s+");
            return random.nextBoolean() ? "author:\"" + author.strip() + "\"" : "author:" + names[names.length - 1];
        } else {
            return "category:" + categories.get(random.nextInt(categories.size())) + " " + word();
        }
    }

    private String word() {
        return cased(words.next(random));
    }

    private String cased(String words) {
        StringBuilder out = new StringBuilder();
        for (String word : words.split(" ")) {
            out.append(out.length() == 0 ? "" : " ")
                    .append(random.nextInt(4) == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        }
        return out.toString();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static boolean topicWord(String word) {
        return word.length() >= 3 && !PaperFields.STOP_WORDS.contains(word);
    }

    private static void count(List<String> words, int weight, Map<String, Integer> wordCounts,
            Map<String, Integer> bigramCounts, Map<String, Integer> trigramCounts, Set<String> seen) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!topicWord(w)) {
                continue;
            }
            seen.add(w);
            wordCounts.merge(w, weight, Integer::sum);
            if (i + 1 < words.size() && topicWord(words.get(i + 1))) {
                bigramCounts.merge(w + " " + words.get(i + 1), weight, Integer::sum);
                seen.add(w + " " + words.get(i + 1));
            }
            if (trigramCounts != null && i + 2 < words.size() && topicWord(words.get(i + 2))) {
                trigramCounts.merge(w + " " + words.get(i + 1) + " " + words.get(i + 2), weight, Integer::sum);
            }
        }
    }

    private static List<String> ranked(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** Draws rank r of a list with probability proportional to 1/(r+1)^s. */
    private static final class Zipf {
        private final List<String> values;
        private final double[] cumulative;

        Zipf(List<String> values, double exponent) {
            this.values = values;
            this.cumulative = new double[values.size()];
            double sum = 0;
            for (int r = 0; r < values.size(); r++) {
                sum += 1 / Math.pow(r + 1, exponent);
                cumulative[r] = sum;
            }
            for (int r = 0; r < cumulative.length; r++) {
                cumulative[r] /= sum;
            }
        }

        String next(Random random) {
            int at = Arrays.binarySearch(cumulative, random.nextDouble());
            return values.get(Math.min(at < 0 ? -at - 1 : at, values.size() - 1));
        }
    }
}
