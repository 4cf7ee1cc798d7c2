package com.finpulse.alerts.detect;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends an evidence headline of key {@code kind:key} to the partitions that hold that key's trend
 * updates, so the detector finds the evidence in its own task without the trend stream having to be
 * repartitioned (one hop less on the alert path). {@code sentiment.trends} is keyed by {@link
 * com.finpulse.common.event.TrendPoint#recordKey()} ({@code kind:key:window}) and partitioned by
 * the producer's default (murmur2 of the UTF-8 key), so the key's windows may sit in up to three
 * partitions: the headline is multicast to each. The market's trend key is the processor's to
 * choose, so market headlines go to every partition.
 */
final class TrendPartitions implements StreamPartitioner<String, StoredHeadline> {

  private final List<TrendWindow> windows;

  TrendPartitions(List<TrendWindow> windows) {
    this.windows = List.copyOf(windows);
  }

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, StoredHeadline value, int numPartitions) {
    Set<Integer> out = new HashSet<>();
    if (key.equals(PartitionKeys.MARKET)) {
      for (int p = 0; p < numPartitions; p++) {
        out.add(p);
      }
      return Optional.of(out);
    }
    for (TrendWindow w : windows) {
      out.add(partitionOf(key + ":" + w.label(), numPartitions));
    }
    return Optional.of(out);
  }

  /** The partition the producer's default partitioner gives a trend record key. */
  static int partitionOf(String recordKey, int numPartitions) {
    return Utils.toPositive(Utils.murmur2(recordKey.getBytes(StandardCharsets.UTF_8)))
        % numPartitions;
  }

  static String recordKeyOf(KeyKind kind, String key, TrendWindow window) {
    return kind.label() + ":" + key + ":" + window.label();
  }
}
