package dev.registrish.sync;

import dev.registrish.oci.Digest;

/**
 * What a listed key (relative to the prefix) is: its repository, and whether it is content-addressed
 * (a blob or a manifest by digest) and so only deleted after the grace period.
 */
record RemoteKey(String repository, boolean contentAddressed) {

  static RemoteKey parse(String key) {
    if (!key.startsWith("v2/")) {
      return new RemoteKey(null, false);
    }
    String rest = key.substring(3);
    int slash = rest.lastIndexOf('/');
    if (slash < 0) {
      return new RemoteKey(null, false);
    }
    String name = rest.substring(slash + 1);
    String dir = rest.substring(0, slash);
    if (dir.endsWith("/tags") && name.equals("list")) {
      return new RemoteKey(dir.substring(0, dir.length() - 5), false);
    }
    for (String kind : new String[] {"/blobs", "/manifests"}) {
      if (dir.endsWith(kind)) {
        return new RemoteKey(dir.substring(0, dir.length() - kind.length()), Digest.isValid(name));
      }
    }
    return new RemoteKey(null, false);
  }
}
