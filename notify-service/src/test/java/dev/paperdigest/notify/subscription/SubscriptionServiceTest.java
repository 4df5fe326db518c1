package dev.paperdigest.notify.subscription;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubscriptionServiceTest {

    @Test
    void topicsAreTrimmedCollapsedAndDeduplicatedIgnoringCase() {
        assertEquals(List.of("diffusion models", "LLM"),
                SubscriptionService.distinct(List.of("  diffusion \t models ", "LLM", "Diffusion Models", "llm")));
    }
}
