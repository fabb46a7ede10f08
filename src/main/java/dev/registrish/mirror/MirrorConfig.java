package dev.registrish.mirror;

import java.util.List;
import java.util.Map;

/**
 * A checked mirror file: its images with defaults applied, and access per registry.
 *
 * @param registries access by registry name as the file spells it ({@code ghcr.io}, {@code docker.io}, {@code localhost:5000})
 */
public record MirrorConfig(List<MirrorImage> images, Map<String, RegistryAccess> registries) {}
