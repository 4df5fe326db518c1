package dev.paperdigest.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;

/**
 * application.properties spells out every ingest.* setting for operators to read; the {@code @WithDefault}s of
 * {@link SourcesConfig} are what applies without it. They must say the same.
 */
class SourcesConfigDefaultsTest {

    @Test
    void propertiesFileAndMappingDefaultsAgree() throws IOException {
        Properties file = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            file.load(in);
        }
        int checked = 0;
        for (Map.Entry<String, Class<?>> group : Map.<String, Class<?>> of(
                "ingest.huggingface.", SourcesConfig.HuggingFace.class,
                "ingest.arxiv.", SourcesConfig.Arxiv.class,
                "ingest.http.", SourcesConfig.Http.class,
                "ingest.runs.", SourcesConfig.Runs.class).entrySet()) {
            for (Method method : group.getValue().getDeclaredMethods()) {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                if (fallback == null) {
                    continue;
                }
                String key = group.getKey() + method.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
                assertTrue(file.containsKey(key), key + " is missing from application.properties");
                assertEquals(fallback.value(), file.getProperty(key), key);
                checked++;
            }
        }
        assertTrue(checked > 20, "found the settings: " + checked);
    }

    @Test
    void baseUrlsWithUserInfoAreRefused() {
        // The pattern the mapping validates at startup: a base URL is logged and named in failure reasons.
        assertTrue("http://localhost:8089".matches(SourcesConfig.BASE_URL));
        assertTrue("https://export.arxiv.org/".matches(SourcesConfig.BASE_URL));
        assertFalse("https://user:secret@export.arxiv.org".matches(SourcesConfig.BASE_URL));
        assertFalse("https://token@huggingface.co".matches(SourcesConfig.BASE_URL));
    }
}
