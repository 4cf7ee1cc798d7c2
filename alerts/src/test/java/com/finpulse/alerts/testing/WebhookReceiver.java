package com.finpulse.alerts.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A webhook receiver on 127.0.0.1 (JDK HttpServer) that records every request, answers with the
 * statuses it is told to (then 200), and processes each Idempotency-Key once, as a well-behaved
 * receiver does.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Request(
      String path, Map<String, List<String>> headers, byte[] body, long receivedNanos) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final Set<String> processedKeys = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<Request> processed = new LinkedBlockingQueue<>();
  private volatile long delayMillis;
  private final List<Request> all = new CopyOnWriteArrayList<>();
  private volatile Consumer<Request> beforeAnswer = r -> {};

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Request r =
              new Request(
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body,
                  System.nanoTime());
          requests.add(r);
          all.add(r);
          // Processes before answering: a 500 below stands for "processed, then the answer was
          // lost", which the idempotency key makes harmless.
          String key = r.header("Idempotency-Key");
          if (key != null && processedKeys.add(key)) {
            processed.add(r);
          }
          int status;
          synchronized (statuses) {
            status = statuses.isEmpty() ? 200 : statuses.pollFirst();
          }
          if (status >= 300 && status < 400) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
          }
          beforeAnswer.accept(r);
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** Runs {@code hook} on every request once it is recorded and processed, before the answer. */
  public void beforeAnswer(Consumer<Request> hook) {
    beforeAnswer = hook;
  }

  /** Every request so far, in arrival order (whatever {@link #next} has taken). */
  public List<Request> all() {
    return List.copyOf(all);
  }

  /** The next answers, in order; afterwards 200. */
  public void answer(Integer... codes) {
    synchronized (statuses) {
      statuses.addAll(List.of(codes));
    }
  }

  /** Answers each request only after this long: a slow target. */
  public void answerAfter(java.time.Duration delay) {
    delayMillis = delay.toMillis();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public Request next(long timeoutMs) throws InterruptedException {
    return requests.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  public Request nextProcessed(long timeoutMs) throws InterruptedException {
    return processed.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  public int requestsWaiting() {
    return requests.size();
  }

  public int processedCount() {
    return processedKeys.size();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
