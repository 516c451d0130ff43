package org.skyring.adapters.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One {@link LocalKafkaBroker} per test class: {@code @RegisterExtension static final KafkaBrokerExtension kafka}. */
final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private LocalKafkaBroker broker;
    private Path dir;

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("skyring-kafka-");
        broker = LocalKafkaBroker.start(dir);
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    LocalKafkaBroker broker() {
        return broker;
    }
}
