package dev.registrish.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to write at a key: the bytes (a file streamed from disk, or bytes in memory), their size,
 * and every header and metadata entry the object must carry.
 */
public record Upload(String key, Path file, byte[] bytes, long size, String contentType, String cacheControl,
    Map<String, String> metadata) {}
