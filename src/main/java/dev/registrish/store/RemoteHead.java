package dev.registrish.store;

import java.util.Map;

/** What a HEAD request tells of an object: its headers and user metadata. */
public record RemoteHead(String key, long size, String etag, String contentType, String cacheControl,
    String contentEncoding, Map<String, String> metadata) {}
