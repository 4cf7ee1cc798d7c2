package com.finpulse.app.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** A webhook endpoint on loopback that records every request and answers with a fixed status. */
final class WebhookReceiver implements AutoCloseable {

  record Request(String path, Map<String, List<String>> headers, String body, Instant receivedAt) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /**
   * @param statusByPath the answer for each path; every other path gets 404
   */
  WebhookReceiver(Map<String, Integer> statusByPath) throws IOException {
    this(statusByPath, r -> {});
  }

  /**
   * @param beforeAnswer runs on each request once it is recorded, before it is answered
   */
  WebhookReceiver(Map<String, Integer> statusByPath, Consumer<Request> beforeAnswer)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            Request request =
                new Request(path, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now());
            requests.add(request);
            beforeAnswer.accept(request);
            exchange.sendResponseHeaders(statusByPath.getOrDefault(path, 404), -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
