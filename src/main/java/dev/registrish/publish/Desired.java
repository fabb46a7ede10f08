package dev.registrish.publish;

import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.tree.TreeObject;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a publish wants in the bucket.
 *
 * @param objects every object, sorted by key (without the catalog)
 * @param repositories the repositories the objects belong to (the catalog lists them)
 * @param scope which listed keys (relative to the prefix) this run may delete: its repositories
 * @param notes what the source wants the report to say
 * @param record what the source keeps in the next marker (mirror: the manifests it published, owners, failures)
 * @param owner the scope that owns the source's repositories in the marker ({@code mirror:<file>}), or null (a tree's
 *     publish owns none); a source that owns its repositories publishes each one's tags together: a failed write
 *     holds back every tag of its repository
 */
public record Desired(List<TreeObject> objects, Set<String> repositories, Predicate<String> scope, List<String> notes,
    Consumer<MarkerTemplate> record, String owner) {}
