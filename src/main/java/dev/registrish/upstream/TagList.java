package dev.registrish.upstream;

import java.util.List;

/**
 * A repository's tags as {@code /v2/<repo>/tags/list} pages give them, in the registry's order.
 *
 * @param complete whether every page answered (false: a later page failed, and {@code tags} holds the pages before it)
 * @param pages pages read
 */
public record TagList(UpstreamReference repository, List<String> tags, boolean complete, int pages) {}
