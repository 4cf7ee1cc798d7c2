package com.finpulse.ingest.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * In-memory index of sent articles: ids (exact) and fingerprints (near-duplicates).
 *
 * <p>Near-duplicate search uses the pigeonhole principle: two 64-bit fingerprints at most {@code d}
 * bits apart agree exactly on at least one of {@code d + 1} disjoint bit blocks, so only entries
 * sharing a block value are compared. A lookup costs a few hash probes instead of a scan of every
 * article of the window. Not thread-safe: {@link Deduplicator} serialises access.
 */
final class DedupIndex {

  /** Article ids as two longs: a third of the memory of a 32-char String key. */
  record IdKey(long hi, long lo) {
    static IdKey of(String hexId) {
      if (hexId.length() != 32) {
        throw new IllegalArgumentException(
            "an article id is 32 hex characters, got '" + hexId + "'");
      }
      return new IdKey(
          HexFormat.fromHexDigitsToLong(hexId, 0, 16),
          HexFormat.fromHexDigitsToLong(hexId, 16, 32));
    }
  }

  record Entry(
      IdKey id,
      long fingerprint,
      long titleFingerprint,
      long eventMillis,
      long sentMillis,
      String source) {}

  private final Map<IdKey, Entry> byId = new HashMap<>();
  private final FingerprintBlocks full;
  private final FingerprintBlocks title;
  private final int maxDistance;

  DedupIndex(int maxDistance) {
    this.maxDistance = maxDistance;
    this.full = new FingerprintBlocks(maxDistance, Entry::fingerprint);
    this.title = new FingerprintBlocks(maxDistance, Entry::titleFingerprint);
  }

  int size() {
    return byId.size();
  }

  Entry byId(String id) {
    return byId.get(IdKey.of(id));
  }

  /**
   * The nearest earlier article within {@code windowMillis} of event time, other than {@code self}.
   */
  Entry near(
      long fingerprint, long titleFingerprint, long eventMillis, long windowMillis, IdKey self) {
    Entry e = full.find(fingerprint, eventMillis, windowMillis, self, maxDistance);
    if (e == null && titleFingerprint != 0) {
      e = title.find(titleFingerprint, eventMillis, windowMillis, self, maxDistance);
    }
    return e;
  }

  void add(SentArticle a) {
    IdKey key = IdKey.of(a.id());
    Entry e =
        new Entry(
            key,
            HexFormat.fromHexDigitsToLong(a.fingerprint()),
            a.titleFingerprint(),
            a.eventMillis(),
            a.sentMillis(),
            a.source());
    byId.put(key, e);
    for (String alias : a.aliases()) {
      byId.putIfAbsent(IdKey.of(alias), e);
    }
    full.add(e, e.fingerprint());
    if (e.titleFingerprint() != 0) {
      title.add(e, e.titleFingerprint());
    }
  }

  /** Forgets an article (it could not be sent after all). */
  void remove(SentArticle a) {
    IdKey key = IdKey.of(a.id());
    Entry e = byId.get(key);
    if (e == null) {
      return;
    }
    byId.values().removeIf(v -> v == e);
    full.remove(e, e.fingerprint());
    title.remove(e, e.titleFingerprint());
  }

  /** Drops everything sent before {@code cutoffMillis}. */
  void expire(long cutoffMillis) {
    byId.values().removeIf(e -> e.sentMillis() < cutoffMillis);
    full.expire(cutoffMillis);
    title.expire(cutoffMillis);
  }

  /** Entries grouped by the value of each bit block. */
  private static final class FingerprintBlocks {
    private final int[] shifts;
    private final long[] masks;
    private final List<Map<Long, List<Entry>>> blocks = new ArrayList<>();
    private final ToLongFunction<Entry> fingerprintOf;

    FingerprintBlocks(int maxDistance, ToLongFunction<Entry> fingerprintOf) {
      this.fingerprintOf = fingerprintOf;
      int n = maxDistance + 1;
      shifts = new int[n];
      masks = new long[n];
      int start = 0;
      for (int i = 0; i < n; i++) {
        int width = 64 / n + (i < 64 % n ? 1 : 0);
        shifts[i] = start;
        masks[i] = width == 64 ? -1L : (1L << width) - 1;
        start += width;
        blocks.add(new HashMap<>());
      }
    }

    void add(Entry e, long fp) {
      for (int i = 0; i < shifts.length; i++) {
        blocks
            .get(i)
            .computeIfAbsent((fp >>> shifts[i]) & masks[i], k -> new ArrayList<>(2))
            .add(e);
      }
    }

    void remove(Entry e, long fp) {
      for (int i = 0; i < shifts.length; i++) {
        List<Entry> list = blocks.get(i).get((fp >>> shifts[i]) & masks[i]);
        if (list != null) {
          list.remove(e);
        }
      }
    }

    Entry find(long fp, long eventMillis, long windowMillis, IdKey self, int maxDistance) {
      for (int i = 0; i < shifts.length; i++) {
        List<Entry> list = blocks.get(i).get((fp >>> shifts[i]) & masks[i]);
        if (list == null) {
          continue;
        }
        for (Entry e : list) {
          if (Long.bitCount(fingerprintOf.applyAsLong(e) ^ fp) <= maxDistance
              && Math.abs(e.eventMillis() - eventMillis) <= windowMillis
              && !e.id().equals(self)) {
            return e;
          }
        }
      }
      return null;
    }

    void expire(long cutoffMillis) {
      for (Map<Long, List<Entry>> block : blocks) {
        Iterator<Map.Entry<Long, List<Entry>>> it = block.entrySet().iterator();
        while (it.hasNext()) {
          List<Entry> list = it.next().getValue();
          list.removeIf(e -> e.sentMillis() < cutoffMillis);
          if (list.isEmpty()) {
            it.remove();
          }
        }
      }
    }
  }
}
