package dev.registrish.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * TLS sockets with the JVM's default trust store, set up on the first https connection: a run against
 * a plain-http endpoint never loads the trust store.
 */
final class LazyTlsSocketFactory implements LayeredConnectionSocketFactory {
  private volatile LayeredConnectionSocketFactory delegate;

  private LayeredConnectionSocketFactory delegate() {
    LayeredConnectionSocketFactory d = delegate;
    if (d == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = SSLConnectionSocketFactory.getSystemSocketFactory();
        }
        d = delegate;
      }
    }
    return d;
  }

  @Override
  public Socket createSocket(HttpContext context) throws IOException {
    return delegate().createSocket(context);
  }

  @Override
  public Socket connectSocket(int connectTimeout, Socket sock, HttpHost host, InetSocketAddress remoteAddress,
      InetSocketAddress localAddress, HttpContext context) throws IOException {
    return delegate().connectSocket(connectTimeout, sock, host, remoteAddress, localAddress, context);
  }

  @Override
  public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
    return delegate().createLayeredSocket(socket, target, port, context);
  }
}
