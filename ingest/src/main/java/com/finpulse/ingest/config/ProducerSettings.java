package com.finpulse.ingest.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import java.util.Set;

/**
 * The Kafka producer of {@code news.raw}.
 *
 * @param compression {@code zstd}, {@code lz4}, {@code snappy}, {@code gzip} or {@code none}
 * @param linger how long the producer waits to fill a batch
 * @param maxPending articles handed to Kafka and not yet acknowledged; when reached, sources wait
 *     (back-pressure) instead of buffering without bound while the broker is down
 * @param topicPartitions partitions of {@code news.raw} and the other shared topics when ingest
 *     creates them (it leaves existing topics alone)
 * @param replicationFactor of topics ingest creates
 * @param startupTimeout how long start waits for the broker (topic creation, reading back what was
 *     already sent)
 * @param maxBodyChars article bodies are cut to this length (the model reads the lead; a record
 *     must stay well under the broker's message size limit)
 */
public record ProducerSettings(
    String compression,
    Duration linger,
    int maxPending,
    int topicPartitions,
    short replicationFactor,
    Duration startupTimeout,
    int maxBodyChars)
    implements Validated {

  private static final Set<String> COMPRESSIONS = Set.of("zstd", "lz4", "snappy", "gzip", "none");

  @Override
  public void validate(Validation v) {
    v.check(
        compression != null && COMPRESSIONS.contains(compression),
        "compression",
        "must be one of " + COMPRESSIONS + ", got '" + compression + "'");
    v.check(linger != null && !linger.isNegative(), "linger", "must not be negative");
    v.range(maxPending, 1, 1_000_000, "max_pending");
    v.range(topicPartitions, 1, 1000, "topic_partitions");
    v.range(replicationFactor, 1, 10, "replication_factor");
    v.check(HttpSettings.positive(startupTimeout), "startup_timeout", "must be positive");
    v.range(maxBodyChars, 200, 1_000_000, "max_body_chars");
  }
}
