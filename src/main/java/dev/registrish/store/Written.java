package dev.registrish.store;

import java.time.Instant;

/**
 * A write the store applied: the object's new ETag and the store's time of the answer.
 *
 * @param storeTime the response's {@code Date}; null when the store sent none
 */
public record Written(String etag, Instant storeTime) {}
