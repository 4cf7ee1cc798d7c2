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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services on the classpath, run in this JVM: started in start order (consumers before
 * producers), stopped in reverse (producers first, so consumers can drain what was sent). {@code
 * ./finpulse up} runs the pipeline with it, and so does the end-to-end test.
 */
public final class InProcessServices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessServices.class);

  private final List<ManagedService> running = new ArrayList<>();
  private boolean closed;

  /** Every {@link ServiceProvider} on the classpath, in start order. */
  public static List<ServiceProvider> discover() {
    List<ServiceProvider> providers = new ArrayList<>();
    ServiceLoader.load(ServiceProvider.class).forEach(providers::add);
    providers.sort(Comparator.comparingInt(ServiceProvider::startOrder));
    return providers;
  }

  /**
   * Creates and starts each service with its own context. Stops at the first that fails to start
   * (the caller closes what did start) or when {@link #close} was called meanwhile.
   *
   * @return false when closed before every service started
   */
  public boolean start(
      List<ServiceProvider> providers, Function<ServiceProvider, ServiceContext> contexts)
      throws Exception {
    for (ServiceProvider provider : providers) {
      ManagedService service = provider.create(contexts.apply(provider));
      synchronized (this) {
        if (closed) {
          service.close();
          return false;
        }
        running.add(service);
      }
      service.start();
      LOG.info("Service {} started", service.name());
    }
    return true;
  }

  public synchronized List<ManagedService> running() {
    return List.copyOf(running);
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
      toClose = new ArrayList<>(running);
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
