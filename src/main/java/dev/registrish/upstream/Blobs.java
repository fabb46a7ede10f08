package dev.registrish.upstream;

import dev.registrish.oci.Digest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blobs upstream: a {@link BlobStream} over {@code GET /v2/<repo>/blobs/<digest>} that resumes with
 * {@code Range: bytes=N-} (skipping N bytes when the server ignores Range), and HEAD for existence and size.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-blobs">pulling blobs</a>
 */
final class Blobs {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(\\d+|\\*)");
  private final Calls calls;
  private final Transport transport;
  private final int maxResumes;

  Blobs(Calls calls, Transport transport, int maxResumes) {
    this.calls = calls;
    this.transport = transport;
    this.maxResumes = maxResumes;
  }

  BlobStream open(UpstreamReference repository, Digest digest, long expectedSize) throws UpstreamException {
    UpstreamReference ref = blobRef(repository, digest);
    HttpResponse<InputStream> r = calls.send(Call.get(ref, RequestKind.BLOB_GET, uri(ref), Map.of()));
    requireStatus(ref, r, 200);
    long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (expectedSize >= 0 && length >= 0 && length != expectedSize) {
      UpstreamResponses.close(r);
      throw new UpstreamException(UpstreamException.Reason.DIGEST_MISMATCH, ref, "the registry sends " + length
          + " bytes, the descriptor says " + expectedSize);
    }
    long size = expectedSize >= 0 ? expectedSize : length;
    return new BlobStream(ref, digest, size, r.body(), offset -> from(ref, offset, size), maxResumes);
  }

  /** The blob's size, or empty when the registry does not have it. */
  OptionalLong size(UpstreamReference repository, Digest digest) throws UpstreamException {
    UpstreamReference ref = blobRef(repository, digest);
    HttpResponse<InputStream> r = calls.send(new Call(ref, RequestKind.BLOB_HEAD, "HEAD", uri(ref), Map.of(), null, null));
    if (r.statusCode() == 404) {
      UpstreamResponses.close(r);
      return OptionalLong.empty();
    }
    requireStatus(ref, r, 200);
    UpstreamResponses.close(r);
    return OptionalLong.of(r.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  private InputStream from(UpstreamReference ref, long offset, long size) throws UpstreamException {
    HttpResponse<InputStream> r = calls.send(Call.get(ref, RequestKind.BLOB_GET, uri(ref), Map.of("Range", "bytes=" + offset + "-")));
    if (r.statusCode() == 416) {
      UpstreamResponses.close(r);
      throw new UpstreamException(UpstreamException.Reason.DIGEST_MISMATCH, ref, "the blob ends at byte " + offset
          + (size >= 0 ? ", not " + size : ""));
    }
    if (r.statusCode() == 206) {
      Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
      if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
        UpstreamResponses.close(r);
        throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, ref, "asked for bytes from " + offset
            + ", the registry sent " + r.headers().firstValue("Content-Range").orElse("no Content-Range"));
      }
      return r.body();
    }
    requireStatus(ref, r, 200);
    InputStream body = r.body();
    try {
      body.skipNBytes(offset);
      return body;
    } catch (EOFException e) {
      UpstreamResponses.close(r);
      throw new UpstreamException(UpstreamException.Reason.DIGEST_MISMATCH, ref, "the blob ends before byte " + offset);
    } catch (IOException e) {
      UpstreamResponses.close(r);
      throw new UpstreamException(UpstreamException.Reason.UPSTREAM_DOWN, ref, "resuming at byte " + offset + " failed: "
          + e.getClass().getSimpleName());
    }
  }

  private static void requireStatus(UpstreamReference ref, HttpResponse<InputStream> r, int status) throws UpstreamException {
    if (r.statusCode() == 404) {
      throw new UpstreamException(UpstreamException.Reason.BLOB_NOT_FOUND, ref, "no such blob upstream (HTTP 404)"
          + UpstreamResponses.registryError(r, ref));
    }
    if (r.statusCode() != status) {
      throw UpstreamResponses.unexpected(r, ref, "the blob request");
    }
  }

  private static UpstreamReference blobRef(UpstreamReference repository, Digest digest) {
    return new UpstreamReference(repository.registry(), repository.repository(), null, digest);
  }

  private URI uri(UpstreamReference ref) {
    return transport.api(ref.registry()).resolve(ref.repository() + "/blobs/" + ref.digest());
  }
}
