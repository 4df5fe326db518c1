package dev.paperdigest.ingest.source.arxiv;

import dev.paperdigest.ingest.paper.ArxivCategory;
import dev.paperdigest.ingest.paper.TextNormalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The arXiv categories of a feed entry, primary first, each once. Terms that are not arXiv categories are left
 * out: the API also tags entries with ACM and MSC classes ({@code I.2.6}, {@code 68T05}), which are no category
 * a subscriber could follow and would fail validation.
 */
final class ArxivCategories {

    private static final Pattern CATEGORY = Pattern.compile(ArxivCategory.REGEX);

    private ArxivCategories() {
    }

    /** @param primary the primary category when the feed names it apart, else null (the first term counts) */
    static List<String> primaryFirst(String primary, List<String> terms) {
        Set<String> categories = new LinkedHashSet<>();
        addIfCategory(primary, categories);
        terms.forEach(term -> addIfCategory(term, categories));
        return List.copyOf(categories);
    }

    private static void addIfCategory(String term, Set<String> categories) {
        String category = TextNormalizer.normalizeToNull(term);
        if (category != null && CATEGORY.matcher(category).matches()) {
            categories.add(category);
        }
    }
}
