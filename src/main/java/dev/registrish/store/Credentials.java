package dev.registrish.store;

/**
 * Where a store's credentials come from: none (the embedded endpoint), the SDK's standard chain
 * (environment, {@code AWS_PROFILE} and {@code ~/.aws} with assume-role and SSO, web identity, container
 * and instance roles), one named profile, or a fixed key pair (tests). Never printed.
 */
public sealed interface Credentials {
  /** No signing: the embedded endpoint. */
  record Anonymous() implements Credentials {}

  /** The SDK's standard chain. */
  record StandardChain() implements Credentials {}

  /** One profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}. */
  record NamedProfile(String name) implements Credentials {}

  /** A fixed key pair. */
  record KeyPair(String accessKeyId, String secretAccessKey) implements Credentials {
    @Override
    public String toString() {
      return "KeyPair[" + accessKeyId + "]";
    }
  }

  static Credentials anonymous() {
    return new Anonymous();
  }

  static Credentials standardChain() {
    return new StandardChain();
  }
}
