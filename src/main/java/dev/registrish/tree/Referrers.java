package dev.registrish.tree;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.Json;
import dev.registrish.oci.ManifestTemplate;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The referrers of one repository's manifests and the documents that serve them, computed once for publish, the
 * hosts, {@code ls} and verify. Every manifest, and every subject an artifact names (present or not, as registries
 * accept), gets {@code referrers/<digest>}: an OCI image index of the descriptors of the manifests whose
 * {@code subject} is that digest, sorted by digest, empty when there are none. A subject with referrers also gets
 * the same bytes as its fallback tag ({@code sha256-<hex>}) and under their own digest, as a registry holds a tag.
 * A fallback tag the tree itself holds (imported or mirrored) is replaced by the computed index, which lists every
 * referrer it listed: those are manifests of the repository whose subject is that digest.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">listing referrers</a>
 */
public final class Referrers {
  private static final Document EMPTY = new Document(List.of());

  private final String repository;
  private final Set<String> manifests = new TreeSet<>();
  private final Map<String, Map<String, DescriptorTemplate>> bySubject = new TreeMap<>();
  private final Set<String> heldTags = new TreeSet<>();

  public Referrers(String repository) {
    this.repository = repository;
  }

  /** The referrers of a tree's repository: its manifests (tags' included) and the fallback tags it holds. */
  public static Referrers of(RepositoryTree repo) {
    Referrers out = new Referrers(repo.name());
    repo.manifests().values().forEach(mf -> out.add(mf.manifest()));
    repo.tags().forEach((tag, mf) -> {
      if (RegistryKey.tag(repo.name(), tag).kind() == RegistryKey.Kind.REFERRERS_TAG) {
        out.heldTags.add(tag);
      }
    });
    return out;
  }

  /** A manifest of the repository: it gets a document, and when it names a subject it is listed in that subject's. */
  public void add(RawManifest m) {
    manifests.add(m.digest().toString());
    if (m.template().subject != null) {
      bySubject.computeIfAbsent(m.template().subject.digest, s -> new TreeMap<>()).putIfAbsent(m.digest().toString(), descriptor(m));
    }
  }

  /** A manifest whose bytes are not at hand (only the bucket holds it): it gets a document. */
  public void add(Digest manifest) {
    manifests.add(manifest.toString());
  }

  /**
   * A referrer as a registry lists it (an upstream referrers index or fallback tag): listed with that descriptor, over
   * one computed from its bytes, so that a mirror lists it the same whether it fetched the artifact or kept it.
   */
  public void referrer(Digest subject, DescriptorTemplate d) {
    bySubject.computeIfAbsent(subject.toString(), s -> new TreeMap<>()).put(d.digest, d);
  }

  /** The descriptors of {@code subject}'s referrers, sorted by digest; empty when it has none. */
  public List<DescriptorTemplate> of(Digest subject) {
    return List.copyOf(bySubject.getOrDefault(subject.toString(), Map.of()).values());
  }

  /** The subjects that have referrers, sorted. */
  public Set<String> subjects() {
    return bySubject.keySet();
  }

  /**
   * Every document, unsorted: a referrers index per manifest and per subject, and for each subject with referrers
   * (or whose fallback tag the tree holds) that tag and the index by its digest.
   */
  public List<TreeObject> objects(HeaderRules rules) {
    Set<String> subjects = new TreeSet<>(manifests);
    subjects.addAll(bySubject.keySet());
    Set<String> fallbacks = new TreeSet<>();
    List<TreeObject> out = new ArrayList<>();
    for (String s : subjects) {
      Digest subject = Digest.parse(s);
      Document doc = document(of(subject));
      out.add(doc.object(RegistryKey.referrers(repository, subject), rules.referrers(doc.digest())));
      RegistryKey tag = RegistryKey.referrersTag(repository, subject);
      if (doc != EMPTY || heldTags.contains(tag.reference())) {
        fallback(out, tag, doc, rules);
        fallbacks.add(tag.reference());
      }
    }
    for (String tag : heldTags) {
      if (!fallbacks.contains(tag)) {
        fallback(out, RegistryKey.tag(repository, tag), EMPTY, rules);
      }
    }
    return out;
  }

  private void fallback(List<TreeObject> out, RegistryKey tag, Document doc, HeaderRules rules) {
    out.add(doc.object(tag, rules.tag(MediaType.OCI_INDEX, doc.digest())));
    out.add(doc.object(RegistryKey.manifest(repository, doc.digest()), rules.manifestByDigest(doc.manifest())));
  }

  /**
   * A referrer's descriptor as the referrers API lists it: media type, digest, size, {@code artifactType} (its own,
   * else its config's media type for an image manifest, none for an index without one) and its annotations.
   */
  public static DescriptorTemplate descriptor(RawManifest m) {
    DescriptorTemplate d = new DescriptorTemplate();
    d.mediaType = m.mediaType();
    d.digest = m.digest().toString();
    d.size = (long) m.bytes().length;
    ManifestTemplate t = m.template();
    d.artifactType = t.artifactType != null ? t.artifactType : t.config != null ? t.config.mediaType : null;
    d.annotations = t.annotations == null || t.annotations.isEmpty() ? null : new TreeMap<>(t.annotations);
    return d;
  }

  /** The index listing {@code referrers}, in their order. */
  public static Document document(List<DescriptorTemplate> referrers) {
    return referrers.isEmpty() ? EMPTY : new Document(referrers);
  }

  /** A referrers index: its bytes, digest and parsed view. */
  public static final class Document {
    private final RawManifest manifest;

    private Document(List<DescriptorTemplate> referrers) {
      ManifestTemplate index = new ManifestTemplate();
      index.schemaVersion = 2;
      index.mediaType = MediaType.OCI_INDEX;
      index.manifests = List.copyOf(referrers);
      try {
        manifest = RawManifest.parse(Json.MAPPER.writeValueAsBytes(index));
      } catch (JsonProcessingException | InvalidManifestException e) {
        throw new IllegalStateException("cannot write a referrers index of " + referrers.size() + " entries: " + e.getMessage(), e);
      }
    }

    public byte[] bytes() {
      return manifest.bytes();
    }

    public Digest digest() {
      return manifest.digest();
    }

    /** The index parsed: its {@code manifests} are the referrers. */
    public RawManifest manifest() {
      return manifest;
    }

    TreeObject object(RegistryKey key, ObjectHeaders headers) {
      return new TreeObject(key, manifest.bytes().length, Content.of(manifest.bytes()), manifest.digest(), manifest, headers);
    }
  }
}
