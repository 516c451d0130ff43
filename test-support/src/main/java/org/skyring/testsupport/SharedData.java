package org.skyring.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where tests find the real data that nobody here wrote ({@code ../shared/data} beside the project).
 *
 * <p>A user's fresh clone has no {@code ../shared}: there a test that needs it is skipped with a message saying
 * what is missing. CI sets {@code SKYRING_REQUIRE_SHARED_DATA=true}, and then a missing file fails the test
 * instead, so real-data tests can never pass by silently not running.
 */
public final class SharedData {
    public static final String REQUIRE_ENV = "SKYRING_REQUIRE_SHARED_DATA";

    private SharedData() {
    }

    /** The shared data directory ({@code skyring.shared.dir}/data, set by surefire; else ../shared/data). */
    public static Path root() {
        final String shared = System.getProperty("skyring.shared.dir");
        final Path base = shared != null ? Paths.get(shared) : Paths.get("..", "shared");
        return base.resolve("data").toAbsolutePath().normalize();
    }

    /**
     * Returns {@code root()/relative} if it exists; otherwise skips the calling test, or fails it when
     * {@value #REQUIRE_ENV} is true.
     */
    public static Path require(final String relative) {
        final Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            final String message = "shared data not found: " + p + " (tests that read ../shared/data skip on a"
                    + " clone without it; CI sets " + REQUIRE_ENV + "=true to make them mandatory)";
            if (Boolean.parseBoolean(System.getenv(REQUIRE_ENV))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return p;
    }

    /** True when CI demands that real-data tests and their oracles run rather than skip. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv(REQUIRE_ENV));
    }

    /** Skips (or in CI fails) with {@code message} when {@code available} is false: for oracles such as Debian's python3-astropy. */
    public static void requireTool(final boolean available, final String message) {
        if (!available) {
            if (required()) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
    }
}
