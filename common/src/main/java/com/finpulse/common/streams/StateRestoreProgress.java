package com.finpulse.common.streams;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a Kafka Streams application rebuilding its state stores from their changelogs: one line
 * when a restore starts, a progress line at most every few seconds, one line when it is done.
 * Restores are expected after an unclean stop under exactly-once (the local stores are wiped and
 * rebuilt), and they are what a restarted service is busy with while it does not process yet.
 */
public final class StateRestoreProgress implements StateRestoreListener {

  private static final Logger LOG = LoggerFactory.getLogger(StateRestoreProgress.class);
  private static final long PROGRESS_EVERY_NANOS = 3_000_000_000L;

  private final String service;
  private final Consumer<String> out;
  private final LongSupplier nanoTime;
  private final Map<TopicPartition, long[]> active = new HashMap<>(); // {restored, total}
  private long totalRecords;
  private long restoredRecords;
  private int stores;
  private long startedAt = -1;
  private long lastProgress;

  public StateRestoreProgress(String service) {
    this(service, LOG::info, System::nanoTime);
  }

  StateRestoreProgress(String service, Consumer<String> out, LongSupplier nanoTime) {
    this.service = service;
    this.out = out;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void onRestoreStart(
      TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
    long records = Math.max(0, endingOffset - startingOffset);
    if (active.isEmpty()) {
      startedAt = nanoTime.getAsLong();
      lastProgress = startedAt;
      totalRecords = 0;
      restoredRecords = 0;
      stores = 0;
    }
    active.put(partition, new long[] {0, records});
    totalRecords += records;
    stores++;
    if (stores == 1) {
      out.accept(
          String.format(Locale.ROOT, "%s: rebuilding local state from the changelogs", service));
    }
  }

  @Override
  public synchronized void onBatchRestored(
      TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
    long[] p = active.get(partition);
    if (p != null) {
      p[0] += numRestored;
    }
    restoredRecords += numRestored;
    long now = nanoTime.getAsLong();
    if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
      lastProgress = now;
      out.accept(
          String.format(
              Locale.ROOT,
              "%s: restoring state: %,d of ~%,d records (%d%%), %.0f s",
              service,
              restoredRecords,
              totalRecords,
              totalRecords == 0 ? 100 : Math.min(100, restoredRecords * 100 / totalRecords),
              (now - startedAt) / 1e9));
    }
  }

  @Override
  public synchronized void onRestoreEnd(
      TopicPartition partition, String storeName, long totalRestored) {
    active.remove(partition);
    if (active.isEmpty() && startedAt >= 0) {
      out.accept(
          String.format(
              Locale.ROOT,
              "%s: state restored: %,d records of %d store partition(s) in %.1f s",
              service,
              restoredRecords,
              stores,
              (nanoTime.getAsLong() - startedAt) / 1e9));
      startedAt = -1;
    }
  }

  @Override
  public synchronized void onRestoreSuspended(
      TopicPartition partition, String storeName, long totalRestored) {
    active.remove(partition);
  }
}
