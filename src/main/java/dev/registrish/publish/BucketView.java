package dev.registrish.publish;

import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import java.util.List;

/**
 * What a content source may know of the bucket before it resolves its objects: the listing under the
 * prefix's {@code v2/} (keys relative to the prefix), the marker (null when none), and the store, for
 * the rare GET of an object the listing shows.
 */
public record BucketView(List<RemoteObject> listing, MarkerTemplate marker, ObjectStore store, String prefix) {}
