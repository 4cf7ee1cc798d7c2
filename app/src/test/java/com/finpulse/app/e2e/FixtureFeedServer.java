package com.finpulse.app.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves real feed captures on loopback, as a news site would: {@code /path -> file}, with an RSS
 * content type and no charset (the feeds declare their own, or not at all). Any other path,
 * robots.txt included, is 404.
 */
final class FixtureFeedServer implements AutoCloseable {

  private final HttpServer server;

  FixtureFeedServer(Map<String, Path> files) throws IOException {
    for (Path f : files.values()) {
      if (!Files.isRegularFile(f)) {
        throw new IllegalStateException(
            "feed fixture missing: " + f + " (is ../shared beside the repository?)");
      }
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Path file = files.get(exchange.getRequestURI().getPath());
            if (file == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
