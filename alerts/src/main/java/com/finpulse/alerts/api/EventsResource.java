package com.finpulse.alerts.api;

import com.finpulse.alerts.history.AlertBook;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /events}: server-sent events for the console, which refreshes on them instead of
 * reloading: {@code alerts} when an alert changes state or a notification's outcome arrives, {@code
 * trends} every {@link #TRENDS_EVERY} (the processor writes trend points continuously). No request
 * thread is held per stream; at most {@link #MAX_STREAMS} are open at once.
 */
final class EventsResource implements ApiResource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventsResource.class);
  static final Duration TRENDS_EVERY = Duration.ofSeconds(5);
  static final int MAX_STREAMS = 64;

  private final AlertBook book;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "alerts-api-events");
            t.setDaemon(true);
            return t;
          });
  private long seen = -1;
  private long ticks;

  EventsResource(AlertBook book) {
    this.book = book;
    timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void register(Routes routes) {
    routes.sse("/events", Access.SIGNED_IN, this::open);
  }

  private void open(SseClient client) {
    if (clients.size() >= MAX_STREAMS) {
      client.sendEvent("refused", Map.of("error", "too many open event streams"));
      client.close();
      return;
    }
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendEvent("hello", Map.of("trends_every_s", TRENDS_EVERY.toSeconds()));
  }

  private void tick() {
    try {
      sendDue();
    } catch (RuntimeException e) {
      LOG.warn("Console event stream tick failed; the next one tries again: {}", e.toString());
    }
  }

  private void sendDue() {
    long version = book.version();
    if (version != seen) {
      seen = version;
      send("alerts", Map.of("version", version));
    }
    if (++ticks % TRENDS_EVERY.toSeconds() == 0) {
      send("trends", Map.of("tick", ticks));
    }
  }

  private void send(String event, Object data) {
    for (SseClient c : clients) {
      if (c.terminated()) {
        clients.remove(c);
      } else {
        c.sendEvent(event, data);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    clients.forEach(SseClient::close);
  }
}
