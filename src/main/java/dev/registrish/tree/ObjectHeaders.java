package dev.registrish.tree;

/** The headers one published object is served with; {@code dockerContentDigest} is null for derived documents. */
public record ObjectHeaders(String contentType, String cacheControl, String dockerContentDigest) {}
