package dev.registrish.tree;

/** What a published object is; it decides its headers, its upload phase and how it is compared. */
public enum ObjectKind {
  BLOB(true),
  MANIFEST(true),
  TAG(false),
  TAGS_LIST(false),
  CATALOG(false),
  PING(false);

  private final boolean contentAddressed;

  ObjectKind(boolean contentAddressed) {
    this.contentAddressed = contentAddressed;
  }

  /** Content-addressed objects never change once written: same size means same object. */
  public boolean contentAddressed() {
    return contentAddressed;
  }
}
