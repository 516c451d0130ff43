package org.skyring.engine.alert;

/**
 * One round of one alert on one channel. Round 0 is the raise; round N is the N-th re-send after an
 * acknowledgement timeout (escalation).
 */
public record AlertDelivery(Alert alert, int round, String channel) {
    /** Same alert and round = same key: receivers de-duplicate on it (HTTP header Idempotency-Key). */
    public String idempotencyKey() {
        return alert.id() + "/" + round;
    }

    public boolean isEscalation() {
        return round > 0;
    }
}
