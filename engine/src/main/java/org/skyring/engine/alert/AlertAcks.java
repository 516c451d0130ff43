package org.skyring.engine.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.openhft.chronicle.queue.RollCycle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Acknowledging and listing the alerts of a data directory from outside the alert agent: {@code skyring ack},
 * {@code skyring alerts} and the HTTP endpoint. An acknowledgement is appended to the ack queue, which the
 * running daemon tails (and a daemon started later reads from the start), so it works whether or not the
 * daemon runs; the agent then journals it as the alert's state. Thread-safe.
 */
public final class AlertAcks implements AutoCloseable {
    /** What an acknowledgement request did. */
    public enum Outcome { RECORDED, ALREADY_ACKNOWLEDGED, UNKNOWN_ALERT }

    private final TextJournal state;
    private final TextJournal acks;

    private AlertAcks(final Path dataDir, final RollCycle rollCycle) {
        this.state = TextJournal.open(dataDir, AlertSystem.STATE_QUEUE, rollCycle);
        this.acks = TextJournal.open(dataDir, AlertSystem.ACK_QUEUE, rollCycle);
    }

    /** Opens the alert journals of an existing data directory; fails naming the directory when it has none. */
    public static AlertAcks open(final Path dataDir, final RollCycle rollCycle) {
        if (!Files.isDirectory(dataDir.resolve("journal"))) {
            throw new IllegalArgumentException("--dir " + dataDir + ": not a Skyring data directory (no journal/)");
        }
        return new AlertAcks(dataDir, rollCycle);
    }

    /**
     * The alerts as journaled, with acknowledgements already requested but not yet journaled by the daemon
     * (e.g. while it is stopped) applied on top.
     */
    public synchronized AlertBook book() {
        final AlertBook book = new AlertBook();
        state.readAll(json -> book.apply(AlertJson.read(json)));
        acks.readAll(json -> {
            final JsonNode a = AlertJson.read(json);
            final ObjectNode e = AlertJson.MAPPER.createObjectNode();
            e.put("event", "acked").put("id", a.path("id").asText()).put("at", a.path("at").asLong())
                    .put("by", a.path("by").asText()).put("via", a.path("via").asText());
            book.apply(e);
        });
        return book;
    }

    /** Records an acknowledgement of {@code id} by {@code by} (e.g. "cli", "http") at {@code atNanos}. */
    public synchronized Outcome acknowledge(final String id, final String by, final String via, final long atNanos) {
        final AlertState s = book().get(id);
        if (s == null) {
            return Outcome.UNKNOWN_ALERT;
        }
        if (s.acknowledged()) {
            return Outcome.ALREADY_ACKNOWLEDGED;
        }
        final ObjectNode a = AlertJson.MAPPER.createObjectNode();
        a.put("id", id).put("by", by).put("via", via).put("at", atNanos);
        acks.append(AlertJson.write(a));
        return Outcome.RECORDED;
    }

    /** Number of acknowledgement requests ever recorded (tests, tools). */
    public synchronized long requests() {
        final long[] n = {0};
        acks.readAll(json -> n[0]++);
        return n[0];
    }

    @Override
    public synchronized void close() {
        state.close();
        acks.close();
    }
}
