package dev.registrish.hosting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves a tree's objects read-only, with the headers of {@link dev.registrish.tree.HeaderRules}:
 * only keys the tree publishes are answered, so no request path ever reaches the file system.
 */
public final class TreeHandler implements HttpHandler {
  private final Map<String, TreeObject> objects = new HashMap<>();
  private final HeaderRules rules;

  public TreeHandler(Collection<TreeObject> objects, HeaderRules rules) {
    objects.forEach(o -> this.objects.put(o.path(), o));
    this.rules = rules;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String key = Exchanges.requestedKey(ex);
      if (key == null) {
        return;
      }
      TreeObject object = objects.get(key);
      if (object == null && MissingReferrers.asked(key)) {
        MissingReferrers.answer(ex, key, rules);
        return;
      }
      if (object == null) {
        Exchanges.error(ex, 404, RegistryErrors.forMissing(key));
        return;
      }
      send(ex, object);
    }
  }

  private static void send(HttpExchange ex, TreeObject o) throws IOException {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", o.headers().contentType());
    h.set("Cache-Control", o.headers().cacheControl());
    if (o.headers().dockerContentDigest() != null) {
      h.set("Docker-Content-Digest", o.headers().dockerContentDigest());
    }
    h.set("ETag", "\"" + o.digest() + "\"");
    if (o.kind() != Kind.BLOB) {
      OutputStream out = Exchanges.start(ex, 200, o.bytes().length);
      if (out != null) {
        out.write(o.bytes());
      }
      return;
    }
    h.set("Accept-Ranges", "bytes");
    ByteRange.Request request = ByteRange.parse(ex.getRequestHeaders().getFirst("Range"), o.size());
    if (request instanceof ByteRange.Unsatisfiable) {
      h.set("Content-Range", "bytes */" + o.size());
      h.set("Cache-Control", HeaderRules.NOT_CACHED);
      Exchanges.start(ex, 416, 0);
      return;
    }
    ByteRange range = request instanceof ByteRange.Partial p ? p.range() : new ByteRange(0, o.size() - 1);
    int status = 200;
    if (request instanceof ByteRange.Partial) {
      status = 206;
      h.set("Content-Range", range.contentRange(o.size()));
    }
    OutputStream out = Exchanges.start(ex, status, range.length());
    if (out != null) {
      copy(o, range, out);
    }
  }

  private static void copy(TreeObject o, ByteRange range, OutputStream out) throws IOException {
    try (FileChannel ch = FileChannel.open(o.file(), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long pos = range.first();
      long left = range.length();
      while (left > 0) {
        buf.clear().limit((int) Math.min(buf.capacity(), left));
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new IOException(o.file() + ": file shrank while being served");
        }
        out.write(buf.array(), 0, n);
        pos += n;
        left -= n;
      }
    }
  }
}
