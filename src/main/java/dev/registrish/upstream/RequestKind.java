package dev.registrish.upstream;

/** The kinds of request the client counts. */
public enum RequestKind {
  MANIFEST_HEAD,
  MANIFEST_GET,
  BLOB_HEAD,
  BLOB_GET,
  TOKEN,
  TAGS_LIST,
  REFERRERS
}
