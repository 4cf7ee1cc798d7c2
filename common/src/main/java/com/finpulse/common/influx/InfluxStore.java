package com.finpulse.common.influx;

import com.finpulse.common.config.InfluxSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Pong;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one InfluxDB database over the 1.x HTTP API, with writes that never drop data.
 *
 * <p>influxdb-java's own batching mode drops points silently when the server is down (its issues
 * #152 and #289), so it is not used: {@link #writeUntilAccepted} blocks and retries with capped
 * exponential backoff until the server accepts the batch or the caller gives up. A caller on a
 * consuming thread thereby stops consuming while InfluxDB is down: back-pressure, not loss.
 */
public final class InfluxStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxStore.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

  private final InfluxSettings settings;
  private final InfluxDB client;

  public InfluxStore(InfluxSettings settings) {
    this.settings = settings;
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .writeTimeout(30, TimeUnit.SECONDS);
    this.client =
        settings.username() == null
            ? InfluxDBFactory.connect(settings.url(), http)
            : InfluxDBFactory.connect(
                settings.url(), settings.username(), settings.password(), http);
    client.setLogLevel(InfluxDB.LogLevel.NONE);
  }

  public InfluxSettings settings() {
    return settings;
  }

  public String database() {
    return settings.database();
  }

  /** True when the server answers a ping. */
  public boolean isReachable() {
    try {
      Pong pong = client.ping();
      return pong != null && pong.isGood();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Waits for the server to answer, then creates the database when missing. */
  public void ensureDatabase(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isReachable()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "InfluxDB at "
                + settings.url()
                + " did not answer within "
                + timeout.toSeconds()
                + " s");
      }
      Thread.sleep(200);
    }
    // CREATE DATABASE is idempotent in InfluxQL.
    QueryResult result = client.query(new Query("CREATE DATABASE \"" + settings.database() + "\""));
    if (result.hasError()) {
      throw new IllegalStateException(
          "cannot create InfluxDB database " + settings.database() + ": " + result.getError());
    }
  }

  /**
   * Writes the points, retrying until InfluxDB accepts them or {@code keepTrying} says stop.
   *
   * @return true when written, false when the caller stopped the retries first
   * @throws InterruptedException when interrupted while waiting to retry
   * @throws IllegalArgumentException when InfluxDB rejects the points themselves (a 4xx other than
   *     429): retrying cannot help, and the caller must route them elsewhere
   */
  public boolean writeUntilAccepted(List<Point> points, BooleanSupplier keepTrying)
      throws InterruptedException {
    if (points.isEmpty()) {
      return true;
    }
    BatchPoints.Builder batch = BatchPoints.database(settings.database());
    if (settings.retentionPolicy() != null) {
      batch.retentionPolicy(settings.retentionPolicy());
    }
    BatchPoints batchPoints = batch.points(points).build();
    Duration backoff = FIRST_BACKOFF;
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        client.write(batchPoints);
        if (attempt > 1) {
          LOG.info(
              "InfluxDB at {} accepted {} points after {} attempts",
              settings.url(),
              points.size(),
              attempt);
        }
        return true;
      } catch (RuntimeException e) {
        if (isClientError(e)) {
          throw new IllegalArgumentException("InfluxDB rejected the points: " + e.getMessage(), e);
        }
        if (attempt == 1 || attempt % 10 == 0) {
          LOG.warn(
              "InfluxDB at {} unavailable ({}); holding {} points and retrying every {} ms up to {} s",
              settings.url(),
              e.getMessage(),
              points.size(),
              backoff.toMillis(),
              MAX_BACKOFF.toSeconds());
        }
      }
      if (!keepTrying.getAsBoolean()) {
        return false;
      }
      long jitter = ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
      Thread.sleep(backoff.toMillis() / 2 + jitter);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private static boolean isClientError(RuntimeException e) {
    String msg = String.valueOf(e.getMessage());
    // influxdb-java surfaces HTTP errors as InfluxDBException with the server's message; a
    // field-type conflict or a parse error will fail the same way on every retry.
    return e instanceof org.influxdb.InfluxDBException
        && (msg.contains("field type conflict")
            || msg.contains("unable to parse")
            || msg.contains("invalid")
            || msg.contains("partial write"));
  }

  /** Runs an InfluxQL query against this database. */
  public QueryResult query(String influxQl) {
    QueryResult result = client.query(new Query(influxQl, settings.database()));
    if (result.hasError()) {
      throw new IllegalStateException("InfluxQL failed: " + result.getError() + " in: " + influxQl);
    }
    return result;
  }

  /** Sum of the first column of every row of every series: for count queries. */
  public long countOf(String influxQl) {
    long total = 0;
    QueryResult result = query(influxQl);
    for (QueryResult.Result r : result.getResults()) {
      if (r.hasError()) {
        throw new IllegalStateException("InfluxQL failed: " + r.getError() + " in: " + influxQl);
      }
      if (r.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : r.getSeries()) {
        for (List<Object> row : s.getValues()) {
          if (row.size() > 1 && row.get(1) instanceof Number n) {
            total += n.longValue();
          }
        }
      }
    }
    return total;
  }

  @Override
  public void close() {
    client.close();
  }
}
