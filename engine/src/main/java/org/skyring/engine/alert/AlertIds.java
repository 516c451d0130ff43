package org.skyring.engine.alert;

import org.skyring.journal.DecisionRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable alert ids. An event's id is derived from what made the decision: the observation id and the config
 * and model versions recorded in the decision. A restart, a re-read of the alert queue or the reclassification
 * of a deferred event therefore finds the same id, which is what makes raising and delivery idempotent; a new
 * rule set (new versions) deciding the same observation again is a new alert.
 */
public final class AlertIds {
    private AlertIds() {
    }

    public static String forDecision(final DecisionRecord d) {
        return "al-" + hash(d.observationId + "|" + d.configVersion + "|" + d.modelVersion);
    }

    /** Operator alerts: derived from what happened and when (journaled), so a restart does not raise it again. */
    public static String forOperatorEvent(final String what, final long atNanos) {
        return "op-" + hash(what + "|" + atNanos);
    }

    private static String hash(final String text) {
        try {
            final byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
