package com.finpulse.alerts.subscription;

import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code subscriptions.yml} at start and reloads it when its content changes. A change that
 * does not validate is logged with every problem ({@code file:line: key: what is wrong}) and the
 * last good subscriptions stay in force; so does a file that disappears (an editor saving by
 * rename, an unmounted volume).
 *
 * <p>Polling the content hash rather than a WatchService: it also sees the symlink swaps of mounted
 * config maps and works on every file system.
 */
public final class SubscriptionFileWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFileWatcher.class);

  /** The state of the file as the API reports it. */
  public record Status(
      String file, @Nullable Instant loadedAt, int subscriptions, @Nullable String lastError) {}

  private final Path file;
  private final ConfigLoader loader;
  private final SubscriptionRegistry registry;
  private final MeterRegistry meters;
  private final ScheduledExecutorService scheduler;
  private byte[] lastSeenHash = new byte[0];
  private volatile Status status;

  public SubscriptionFileWatcher(
      Path file, ConfigLoader loader, SubscriptionRegistry registry, MeterRegistry meters) {
    this.file = file;
    this.loader = loader;
    this.registry = registry;
    this.meters = meters;
    this.status = new Status(file.toString(), null, 0, null);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alerts-subscriptions-reload");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Loads the file now: at start a bad file is an error, not a warning.
   *
   * @throws ConfigException listing every problem
   */
  public void loadInitial() {
    if (!Files.exists(file)) {
      LOG.info("No {}: no subscribers yet; alerts go to the console and the history only", file);
      status = new Status(file.toString(), Instant.now(), 0, null);
      return;
    }
    byte[] content = read();
    apply(content == null ? new byte[0] : content, true);
  }

  public void startWatching(Duration every) {
    scheduler.scheduleWithFixedDelay(
        this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Status status() {
    return status;
  }

  /** One check for changes (the scheduler's task; tests call it directly). */
  public void poll() {
    try {
      byte[] content = read();
      if (content == null) {
        return;
      }
      if (Arrays.equals(hash(content), lastSeenHash)) {
        return;
      }
      apply(content, false);
    } catch (RuntimeException e) {
      LOG.error("Checking {} for changes failed; will check again", file, e);
    }
  }

  private void apply(byte[] content, boolean initial) {
    lastSeenHash = hash(content);
    try {
      SubscriptionsFile loaded = loader.loadFile(SubscriptionsFile.class, file);
      List<Subscription> subs = loaded.subscriptions();
      registry.replaceFile(subs, file.toString());
      status = new Status(file.toString(), Instant.now(), subs.size(), null);
      meters.counter(MeterNames.ALERTS_CONFIG_RELOADS, "outcome", "applied").increment();
      LOG.info(
          "{} {} subscription(s) from {}: {}",
          initial ? "Loaded" : "Reloaded",
          subs.size(),
          file,
          subs.stream().map(Subscription::name).toList());
    } catch (ConfigException e) {
      if (initial) {
        throw e;
      }
      meters.counter(MeterNames.ALERTS_CONFIG_RELOADS, "outcome", "rejected").increment();
      status =
          new Status(
              file.toString(),
              status.loadedAt(),
              status.subscriptions(),
              String.join("\n", e.problems()));
      LOG.error(
          "Rejected the edit of {}; keeping the {} subscription(s) loaded at {}. Problems:\n  {}",
          file,
          status.subscriptions(),
          status.loadedAt(),
          String.join("\n  ", e.problems()));
    }
  }

  private byte @Nullable [] read() {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      if (status.subscriptions() > 0 && lastSeenHash.length > 0) {
        LOG.warn(
            "{} is gone; keeping the {} subscription(s) loaded at {}",
            file,
            status.subscriptions(),
            status.loadedAt());
        lastSeenHash = new byte[0];
      }
      return null;
    } catch (IOException e) {
      LOG.warn("Cannot read {} ({}); keeping the current subscriptions", file, e.getMessage());
      return null;
    }
  }

  private static byte[] hash(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
