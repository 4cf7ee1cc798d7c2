package com.finpulse.app.up;

import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.lifecycle.ServiceProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services on the classpath, run in this JVM: started side by side, stopped in reverse start
 * order (producers first, so consumers can drain what was sent). {@code ./finpulse up} runs the
 * pipeline with it, and so do the end-to-end tests.
 */
public final class InProcessServices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessServices.class);

  /** By place in the start order, so that closing goes in reverse whatever finished first. */
  private final SortedMap<Integer, ManagedService> running = new TreeMap<>();

  private boolean closed;

  /** Every {@link ServiceProvider} on the classpath, in start order. */
  public static List<ServiceProvider> discover() {
    List<ServiceProvider> providers = new ArrayList<>();
    ServiceLoader.load(ServiceProvider.class).forEach(providers::add);
    providers.sort(Comparator.comparingInt(ServiceProvider::startOrder));
    return providers;
  }

  /** When the source of the news (the last service in start order) starts. */
  public enum SourceStart {
    /**
     * Beside the consumers, as soon as Kafka is up: ingest needs nothing else, and what it
     * publishes waits in Kafka until the processor runs. After a crash news flows again while the
     * processor loads its model and restores its stores. {@code up} starts so.
     */
    WITH_CONSUMERS,
    /**
     * Once the consumers run: no article waits through the processor's start, so the time from
     * publishing an article to its alert is the running pipeline's from the first article on.
     */
    AFTER_CONSUMERS
  }

  /**
   * Creates and starts every service, each on a thread of its own: the consumers (all but the last
   * in start order) side by side, and the source of the news beside them or once they run. They
   * meet only through Kafka, so none needs another to have started (after a crash the processor and
   * the alerts service recover at the same time). Returns once every service has started; when one
   * fails, after the others of its wave have finished starting (the caller closes what started),
   * with the first failure in start order.
   *
   * @return false when closed before every service started
   */
  public boolean start(
      List<ServiceProvider> providers,
      Function<ServiceProvider, ServiceContext> contexts,
      SourceStart sourceStart)
      throws Exception {
    int last = providers.size() - 1;
    switch (sourceStart) {
      case WITH_CONSUMERS -> startSideBySide(providers, 0, providers.size(), contexts);
      case AFTER_CONSUMERS -> {
        startSideBySide(providers, 0, Math.max(0, last), contexts);
        if (last >= 0) {
          startSideBySide(providers, last, last + 1, contexts);
        }
      }
    }
    synchronized (this) {
      return !closed;
    }
  }

  private void startSideBySide(
      List<ServiceProvider> providers,
      int from,
      int to,
      Function<ServiceProvider, ServiceContext> contexts)
      throws Exception {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ServiceProvider provider = providers.get(i);
      int position = i;
      CompletableFuture<Void> started = new CompletableFuture<>();
      Thread.ofPlatform()
          .name("start-" + provider.name())
          .daemon()
          .start(
              () -> {
                try {
                  createAndStart(provider, position, contexts);
                  started.complete(null);
                } catch (Throwable e) {
                  started.completeExceptionally(e);
                }
              });
      starts.add(started);
    }
    Exception first = null;
    for (CompletableFuture<Void> started : starts) {
      try {
        started.join();
      } catch (CompletionException e) {
        if (first == null) {
          first =
              e.getCause() instanceof Exception x
                  ? x
                  : new IllegalStateException("a service failed to start", e.getCause());
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void createAndStart(
      ServiceProvider provider, int position, Function<ServiceProvider, ServiceContext> contexts)
      throws Exception {
    ManagedService service = provider.create(contexts.apply(provider));
    synchronized (this) {
      if (closed) {
        service.close();
        return;
      }
      running.put(position, service);
    }
    service.start();
    LOG.info("Service {} started", service.name());
  }

  /** The services created so far, in start order. */
  public synchronized List<ManagedService> running() {
    return List.copyOf(running.values());
  }

  /** The first service that has failed for good, if any. */
  public Optional<ManagedService> firstUnhealthy() {
    return running().stream().filter(s -> !s.isHealthy()).findFirst();
  }

  public boolean allIdle() {
    return running().stream().allMatch(ManagedService::isIdle);
  }

  /**
   * Waits until every service has stayed idle for {@code quiet}: the source is exhausted and
   * everything sent has been processed downstream.
   *
   * @return false when {@code timeout} passed first
   * @throws IllegalStateException naming the service when one fails meanwhile
   */
  public boolean awaitIdle(Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long idleSince = -1;
    while (System.nanoTime() < deadline) {
      firstUnhealthy()
          .ifPresent(
              s -> {
                throw new IllegalStateException("service " + s.name() + " failed");
              });
      long now = System.nanoTime();
      if (!allIdle()) {
        idleSince = -1;
      } else if (idleSince < 0) {
        idleSince = now;
      } else if (now - idleSince >= quiet.toNanos()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** Stops every service in reverse start order; idempotent. */
  @Override
  public void close() {
    List<ManagedService> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(running.values());
      running.clear();
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      ManagedService s = toClose.get(i);
      try {
        s.close();
        LOG.info("Service {} stopped", s.name());
      } catch (RuntimeException e) {
        LOG.warn("Service {} did not stop cleanly: {}", s.name(), e.toString());
      }
    }
  }
}
