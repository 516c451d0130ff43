package org.skyring.adapters.avro;

import java.nio.ByteBuffer;

/**
 * Receives an alert's image stamps (ZTF: gzipped FITS, Rubin: FITS) as they are decoded, so they can be kept
 * out of the ring entry yet stay retrievable by observation id ({@link CutoutStore}). Called on the decoding
 * thread; {@code stamp} is only valid during the call.
 */
@FunctionalInterface
public interface CutoutSink {
    /** @param kind "science", "template" or "difference" */
    void accept(CharSequence observationId, String kind, CharSequence fileName, ByteBuffer stamp);
}
