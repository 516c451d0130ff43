package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;

/** Shared read primitives of the binary codecs: length-prefixed ASCII without allocation (writes: RecordScratch). */
final class BinaryFields {
    private BinaryFields() {
    }

    static void readAscii(final Bytes<?> in, final FixedAscii s) {
        final int len = (int) in.readStopBit();
        if (len < 0) {
            throw new IllegalStateException("corrupt record: negative string length " + len);
        }
        final int keep = Math.min(len, s.capacity());
        in.read(s.array(), 0, keep);
        if (len > keep) {
            in.readSkip(len - keep);
        }
        s.setLength(keep);
    }
}
