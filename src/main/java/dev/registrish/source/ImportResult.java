package dev.registrish.source;

import java.util.List;

/**
 * What an import did: one line per tag ({@code app:v1 sha256:.. new}), counts, and notes on what
 * was left out or rebuilt.
 */
public record ImportResult(List<String> tags, int blobsWritten, int blobsPresent, int manifestsWritten, List<String> notes) {
  public ImportResult {
    tags = List.copyOf(tags);
    notes = List.copyOf(notes);
  }
}
