package dev.registrish.publish.plan;

import dev.registrish.store.RemoteHead;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObject;
import java.util.Objects;

/** Compares the headers a HEAD found with the ones the header rules ask for. */
final class Drift {
  private Drift() {}

  /** Why the remote object's headers are wrong, or null when they are right. */
  static String of(TreeObject local, RemoteHead head) {
    if (head.contentEncoding() != null && !head.contentEncoding().isEmpty()) {
      return "Content-Encoding " + head.contentEncoding() + " (clients hash what they receive)";
    }
    if (!Objects.equals(local.headers().contentType(), head.contentType())) {
      return "Content-Type " + head.contentType() + ", expected " + local.headers().contentType();
    }
    if (!Objects.equals(local.headers().cacheControl(), head.cacheControl())) {
      return "Cache-Control " + head.cacheControl() + ", expected " + local.headers().cacheControl();
    }
    if (local.kind() != Kind.BLOB && !local.digest().toString().equals(head.metadata().get(HeaderRules.SHA256_METADATA))) {
      return "no sha256 metadata";
    }
    return null;
  }
}
