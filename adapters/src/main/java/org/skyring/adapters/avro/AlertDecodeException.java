package org.skyring.adapters.avro;

/**
 * Why a message could not be decoded: the framing step or field at fault and the offending value. Thrown inside
 * the decoders only, and always turned into one dead-letter observation ({@link DeadLetter}); it never escapes an
 * {@link org.skyring.adapters.AlertDecoder}.
 */
final class AlertDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    AlertDecodeException(final String message) {
        super(message, null, false, false); // no stack trace: bad input is expected, not exceptional
    }
}
