package dev.registrish.verify;

import java.net.URI;

/** A published registry under test: its public URL, and the ways a test seeds one fault into what it serves. */
interface RegistryTarget extends AutoCloseable {
  /** The base URL clients pull from ({@code url() + "v2/"} is the ping). */
  URI url();

  /** Serves {@code key} (e.g. {@code v2/app/manifests/v1}) with these bytes and headers from now on; null headers are left out. */
  void replace(String key, byte[] bytes, String contentType, String cacheControl, String contentEncoding) throws Exception;

  /** Stops serving {@code key}. */
  void delete(String key) throws Exception;

  @Override
  void close() throws Exception;
}
