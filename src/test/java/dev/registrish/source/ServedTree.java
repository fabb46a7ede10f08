package dev.registrish.source;

import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves a tree's objects over plain HTTP on 127.0.0.1 (a free port) with the header rules, as a
 * static host would. A TLS hello is refused at once, so clients that try https first fall back quickly.
 */
final class ServedTree implements AutoCloseable {
  private final ServerSocket socket;
  private final Map<String, TreeObject> objects = new HashMap<>();

  ServedTree(Tree tree) throws IOException {
    TreeObjects.of(tree, HeaderRules.defaults(), null).forEach(o -> objects.put("/" + o.key(), o));
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "served-tree");
    accept.setDaemon(true);
    accept.start();
  }

  /** {@code 127.0.0.1:<port>}, as a registry host. */
  String host() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread t = new Thread(() -> handle(s), "served-tree-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      String request = head(in);
      if (request == null) {
        return;
      }
      String[] parts = request.split(" ");
      String path = parts.length > 1 ? parts[1].replaceFirst("\\?.*", "") : "";
      boolean head = parts[0].equals("HEAD");
      TreeObject o = objects.get(path);
      if (o == null) {
        byte[] body = "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"not found\"}]}".getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " + body.length
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (!head) {
          out.write(body);
        }
        return;
      }
      StringBuilder h = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: " + o.headers().contentType()
          + "\r\nContent-Length: " + o.size() + "\r\nConnection: close\r\n");
      if (o.headers().dockerContentDigest() != null) {
        h.append("Docker-Content-Digest: ").append(o.headers().dockerContentDigest()).append("\r\n");
      }
      out.write(h.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      if (!head) {
        if (o.file() != null) {
          Files.copy(o.file(), out);
        } else {
          out.write(o.bytes());
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** The request line, after reading the headers; null for a TLS hello or a closed connection. */
  private static String head(InputStream in) throws IOException {
    in.mark(1);
    int first = in.read();
    if (first < 0 || first == 0x16) {
      return null;
    }
    in.reset();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (int b, n = 0; (b = in.read()) >= 0; ) {
      buf.write(b);
      n = (b == '\n' || b == '\r') ? n + 1 : 0;
      if (n == 4) {
        break;
      }
    }
    String text = buf.toString(StandardCharsets.US_ASCII);
    return text.substring(0, Math.max(0, text.indexOf('\r')));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
