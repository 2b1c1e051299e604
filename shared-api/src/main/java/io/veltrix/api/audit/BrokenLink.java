package io.veltrix.api.audit;

/**
 * The first event of a stream whose chain hash does not follow from its predecessor: {@code expected}
 * is the hash recomputed from the previous stored hash and this payload, {@code found} the stored one.
 */
public record BrokenLink(String aggregateId, long sequence, long index, String expected, String found, String reason) {
}
