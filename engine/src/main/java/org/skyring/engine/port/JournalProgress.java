package org.skyring.engine.port;

/**
 * How far journal-in has got. Every ring entry published at or below {@link #journaledSequence()} is durably
 * in the input journal (or was recognised as a duplicate of an entry that is), so its source may acknowledge it.
 * Safe to call from any thread (a volatile read of the first ring consumer's sequence).
 */
@FunctionalInterface
public interface JournalProgress {
    long journaledSequence();
}
