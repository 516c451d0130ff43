package org.skyring.adapters.avro;

/** Renders the start of a message for error texts ("first bytes 7b 22 61 6c"). */
final class MessageBytes {
    private MessageBytes() {
    }

    static String describeStart(final byte[] message, final int length) {
        if (length == 0) {
            return "empty message";
        }
        final StringBuilder sb = new StringBuilder("first bytes");
        for (int i = 0; i < Math.min(4, length); i++) {
            sb.append(' ').append(Character.forDigit((message[i] >> 4) & 0xf, 16))
              .append(Character.forDigit(message[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
