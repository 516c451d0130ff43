package org.skyring.adapters.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft, combined broker + controller) in the test's JVM, listening on 127.0.0.1 only.
 * Started directly with {@link KafkaRaftServer} rather than kafka-test-common-runtime's KafkaClusterTestKit,
 * because the test kit pre-binds its sockets on the wildcard address. Short group timeouts so that rebalance
 * tests take seconds. One per test class.
 */
final class LocalKafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrap;

    private LocalKafkaBroker(final KafkaRaftServer server, final String bootstrap) {
        this.server = server;
        this.bootstrap = bootstrap;
    }

    static LocalKafkaBroker start(final Path dir) throws Exception {
        final int brokerPort = freePort();
        final int controllerPort = freePort();
        final String logDir = dir.resolve("kafka-logs").toString();
        final Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir);
        p.put("metadata.log.dir", logDir);
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.min.session.timeout.ms", "1000");
        p.put("num.partitions", "1");
        p.put("log.flush.interval.messages", "1000000");
        final KafkaConfig config = KafkaConfig.fromProps(p, false);
        new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1).setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir)).setMetadataLogDirectory(logDir)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).setControllerListenerName("CONTROLLER")
                .run();
        final KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        final LocalKafkaBroker broker = new LocalKafkaBroker(server, "127.0.0.1:" + brokerPort);
        try (Admin admin = broker.admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS); // the broker has registered and serves
        }
        return broker;
    }

    String bootstrap() {
        return bootstrap;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    void createTopic(final String name, final int partitions) throws Exception {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with topic-level settings (e.g. max.message.bytes) and waits until every partition is led. */
    void createTopic(final String name, final int partitions, final Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                    .get(30, TimeUnit.SECONDS);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) { // every partition led before anyone produces
                try {
                    final var d = admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name);
                    if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // not in the broker's metadata yet (UnknownTopicOrPartition): ask again
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("topic " + name + " has no leader for every partition after 30 s");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
