package dev.paperdigest.notify.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding the syntax error in what binding a record throws, and the problem made of it. */
class MalformedJsonInterceptorTest {

    record Signup(String email, List<String> topics) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aSyntaxErrorInsideARecordFieldGivesLineAndColumn() {
        Exception failure = assertThrows(Exception.class,
                () -> mapper.readValue("{\"email\": \"someone@example.org\",\n  \"topics\": [}", Signup.class));

        HttpProblem problem = MalformedJsonInterceptor.malformed(MalformedJsonInterceptor.syntaxError(failure).orElseThrow());

        assertEquals(400, problem.getStatusCode());
        assertEquals("Malformed JSON", problem.getTitle());
        assertEquals(2, problem.getParameters().get("line"));
        assertEquals(14, problem.getParameters().get("column"));
        assertTrue(problem.getDetail().startsWith("The body is not valid JSON at line 2, column 14: "), problem.getDetail());
        assertFalse(problem.getDetail().contains("Source"), problem.getDetail());
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsNoSyntaxError() {
        Exception failure = assertThrows(Exception.class,
                () -> mapper.readValue("{\"email\": \"someone@example.org\", \"topics\": {}}", Signup.class));
        assertTrue(MalformedJsonInterceptor.syntaxError(failure).isEmpty());
    }

    @Test
    void aTruncatedBodyIsMalformed() {
        Exception failure = assertThrows(Exception.class, () -> mapper.readValue("{\"email\": ", Signup.class));
        HttpProblem problem = MalformedJsonInterceptor.malformed(MalformedJsonInterceptor.syntaxError(failure).orElseThrow());
        assertEquals("Malformed JSON", problem.getTitle());
        assertEquals(1, problem.getParameters().get("line"));
    }
}
