package com.finpulse.processor.aggregate;

import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.TrendWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Novelty for the trends: per key and window, the {@link StoryClusters} of the articles seen so
 * far, and for each new contribution the change it makes in the number of distinct stories, which
 * the window aggregates then only have to add up.
 *
 * <p>Why not inside the window aggregate: an aggregate is deserialised and serialised again on
 * every update, so clusters stored in it made each update cost as much as the window held (up to
 * 240 KB per update for the market's hour at 20,000 stories), and the changelog carried the whole
 * set every commit. Here the clusters stay in memory and the {@link #STORE} (changelogged, cached)
 * holds the sequence of adds that changed them, in chunks of {@value #CHUNK} entries: an update
 * rewrites only the last chunk in the record cache, so a commit writes at most a few KB per key and
 * window.
 *
 * <p>Exactly once: the store is written in the task's transaction with the output. After a crash or
 * a task revival the memory is dropped in {@link #init}, and each window's clusters are rebuilt
 * from the restored store the first time it is touched, by replaying the adds in their order: the
 * same state, so the same deltas. Windows more than the grace period past their end are purged from
 * memory and store every minute of stream time.
 */
final class StoryCounter implements FixedKeyProcessor<String, TrendContribution, TrendIncrement> {

  /** Adds that changed a window's clusters, by key, window size, window start and chunk. */
  static final String STORE = "trend-stories-store";

  static final int CHUNK = 256;

  /** Chunk number of a window's counts of untracked new stories (after every data chunk). */
  private static final int UNTRACKED_CHUNK = -1;

  private static final byte INTO_ALL = 1;
  private static final byte INTO_NEGATIVE = 2;

  private final List<TrendWindow> windows;
  private final long graceMillis;
  private final Map<WindowKey, WindowStories> open = new HashMap<>();
  private ObservedStreamTime observed;
  private FixedKeyProcessorContext<String, TrendIncrement> context;
  private KeyValueStore<Bytes, byte[]> store;

  StoryCounter(List<TrendWindow> windows, Duration grace) {
    this.windows = List.copyOf(windows);
    this.graceMillis = grace.toMillis();
  }

  private record WindowKey(String groupKey, long sizeMillis, long start) {
    byte[] prefix() {
      byte[] k = groupKey.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(k.length + 1 + 16)
          .put(k)
          .put((byte) 0)
          .putLong(sizeMillis)
          .putLong(start)
          .array();
    }

    Bytes chunk(int chunk) {
      byte[] p = prefix();
      return Bytes.wrap(ByteBuffer.allocate(p.length + 4).put(p).putInt(chunk).array());
    }

    static long end(Bytes storeKey) {
      ByteBuffer b = ByteBuffer.wrap(storeKey.get());
      int at = b.limit() - 20;
      return b.getLong(at + 8) + b.getLong(at);
    }
  }

  /** One window's clusters and the adds that built them (what the store holds). */
  private static final class WindowStories {
    final StoryClusters all = new StoryClusters();
    final StoryClusters negative = new StoryClusters();
    long[] fingerprints = new long[8];
    byte[] flags = new byte[8];
    int entries;

    /** What one add changed that the store must hear of: a new entry, the untracked counts. */
    record Change(boolean entry, boolean untracked) {}

    Change add(long fp, boolean isNegative) {
      StoryClusters.Added a = all.add(fp);
      StoryClusters.Added n = isNegative ? negative.add(fp) : StoryClusters.Added.NOTHING;
      byte into =
          (byte)
              ((a == StoryClusters.Added.TRACKED ? INTO_ALL : 0)
                  | (n == StoryClusters.Added.TRACKED ? INTO_NEGATIVE : 0));
      if (into != 0) {
        append(fp, into);
      }
      return new Change(
          into != 0, a == StoryClusters.Added.UNTRACKED || n == StoryClusters.Added.UNTRACKED);
    }

    void replay(long fp, byte into) {
      if ((into & INTO_ALL) != 0) {
        all.add(fp);
      }
      if ((into & INTO_NEGATIVE) != 0) {
        negative.add(fp);
      }
      append(fp, into);
    }

    private void append(long fp, byte into) {
      if (entries == fingerprints.length) {
        fingerprints = Arrays.copyOf(fingerprints, entries * 2);
        flags = Arrays.copyOf(flags, entries * 2);
      }
      fingerprints[entries] = fp;
      flags[entries] = into;
      entries++;
    }

    byte[] lastChunk() {
      int from = (entries - 1) / CHUNK * CHUNK;
      ByteBuffer b = ByteBuffer.allocate((entries - from) * 9);
      for (int i = from; i < entries; i++) {
        b.putLong(fingerprints[i]).put(flags[i]);
      }
      return b.array();
    }
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TrendIncrement> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    // A revived task restores the store to its last commit: rebuild from there, never from memory.
    open.clear();
    // As the window aggregation does, a (re)initialised processor starts from no stream time.
    observed = new ObservedStreamTime();
    context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, this::purgeClosed);
  }

  @Override
  public void process(FixedKeyRecord<String, TrendContribution> record) {
    TrendContribution c = record.value();
    long ts = record.timestamp();
    long streamTime = observed.observe(ts);
    boolean isNegative = c.sentiment() == Sentiment.NEGATIVE;
    int n = windows.size();
    int[] stories = new int[n];
    int[] negativeStories = new int[n];
    for (int i = 0; i < n; i++) {
      long size = windows.get(i).size().toMillis();
      long start = ts - Math.floorMod(ts, size);
      if (ObservedStreamTime.closed(start + size, graceMillis, streamTime)) {
        // Closed: the window aggregation drops this contribution (LateArrivalCounter meters it).
        continue;
      }
      WindowKey key = new WindowKey(record.key(), size, start);
      WindowStories w = open.computeIfAbsent(key, this::load);
      long before = w.all.stories();
      long negativeBefore = w.negative.stories();
      WindowStories.Change changed = w.add(c.fingerprint(), isNegative);
      if (changed.entry()) {
        store.put(key.chunk((w.entries - 1) / CHUNK), w.lastChunk());
      }
      if (changed.untracked()) {
        store.put(
            key.chunk(UNTRACKED_CHUNK),
            ByteBuffer.allocate(16)
                .putLong(w.all.untracked())
                .putLong(w.negative.untracked())
                .array());
      }
      stories[i] = Math.toIntExact(w.all.stories() - before);
      negativeStories[i] = Math.toIntExact(w.negative.stories() - negativeBefore);
    }
    context.forward(
        record.withValue(new TrendIncrement(c.sentiment(), c.score(), stories, negativeStories)));
  }

  private WindowStories load(WindowKey key) {
    WindowStories w = new WindowStories();
    byte[] untracked = null;
    try (KeyValueIterator<Bytes, byte[]> it =
        store.prefixScan(Bytes.wrap(key.prefix()), new BytesSerializer())) {
      // Big-endian chunk numbers: data chunks in order; the untracked counts (-1) sort last.
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        byte[] k = kv.key.get();
        int chunk = ByteBuffer.wrap(k, k.length - 4, 4).getInt();
        if (chunk == UNTRACKED_CHUNK) {
          untracked = kv.value;
          continue;
        }
        ByteBuffer b = ByteBuffer.wrap(kv.value);
        while (b.remaining() >= 9) {
          w.replay(b.getLong(), b.get());
        }
      }
    }
    if (untracked != null) {
      ByteBuffer b = ByteBuffer.wrap(untracked);
      w.all.addUntracked(b.getLong());
      w.negative.addUntracked(b.getLong());
    }
    return w;
  }

  /** Scheduled on the task's stream time, but closes only what the aggregation has closed. */
  private void purgeClosed(long taskStreamTime) {
    if (!observed.started()) {
      return;
    }
    long closedBefore = observed.current() - graceMillis;
    open.keySet().removeIf(k -> k.start() + k.sizeMillis() <= closedBefore);
    List<Bytes> expired = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        Bytes k = it.next().key;
        if (WindowKey.end(k) <= closedBefore) {
          expired.add(k);
        }
      }
    }
    expired.forEach(store::delete);
  }
}
