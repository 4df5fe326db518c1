package dev.paperdigest.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compose itself validates docker-compose.yml (Debian's docker-compose needs no engine for {@code config}; .ci/run
 * installs it). With CI set, a missing docker-compose fails this test instead of skipping it.
 */
class ComposeConfigTest {

    @Test
    void composeAcceptsTheFileWithTheExampleEnvironment() throws Exception {
        Result result = compose("--env-file", ComposeFile.ENV_EXAMPLE.toString(), "config", "--quiet");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void composeRefusesToStartWithoutAnAdminKey(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("env");
        Files.writeString(env, "POSTGRES_PASSWORD=secret\n");
        Result result = compose("--env-file", env.toString(), "config", "--quiet");
        assertNotEquals(0, result.exitCode(), "a stack without an admin key must not start");
        assertTrue(result.output().contains("PAPERDIGEST_ADMIN_API_KEY"), result.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result compose(String... arguments) throws IOException, InterruptedException {
        boolean installed = List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker-compose")));
        if (!installed) {
            if (System.getenv("CI") != null) {
                fail("docker-compose is not installed (apt-get install docker-compose; .ci/run does)");
            }
            assumeTrue(false, "docker-compose is not installed");
        }
        ProcessBuilder builder = new ProcessBuilder(concat("docker-compose", arguments)).redirectErrorStream(true);
        // Only the env file counts: the caller's environment must not fill a required variable.
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("docker-compose did not answer within 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
