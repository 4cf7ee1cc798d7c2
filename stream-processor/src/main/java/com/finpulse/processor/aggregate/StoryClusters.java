package com.finpulse.processor.aggregate;

import com.finpulse.common.event.ContentFingerprint;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The distinct stories among a window's articles: fingerprints joined into one story whenever two
 * are {@linkplain ContentFingerprint#nearDuplicates(long, long) near duplicates}, i.e. the
 * connected components of the near-duplicate graph, kept incrementally with union-find.
 *
 * <p>Components do not depend on the order articles arrive in, so a recomputation from news.scored
 * in any order gives the same count. A late article that bridges two stories merges them; the count
 * then goes down by one, which is the truth: they were one story.
 *
 * <p>At most {@value #MAX_TRACKED} distinct fingerprints are kept per window and key (the
 * aggregate's changelog record must stay well under Kafka's 1 MB); beyond that a new fingerprint
 * that matches none of them counts as a new story without being tracked.
 */
final class StoryClusters {

  static final int MAX_TRACKED = 20_000;

  private long[] fingerprints;
  private int[] parent;
  private int size;
  private long stories;

  StoryClusters() {
    this(new long[4], new int[4], 0, 0);
  }

  private StoryClusters(long[] fingerprints, int[] parent, int size, long stories) {
    this.fingerprints = fingerprints;
    this.parent = parent;
    this.size = size;
    this.stories = stories;
  }

  long stories() {
    return stories;
  }

  int tracked() {
    return size;
  }

  void add(long fingerprint) {
    for (int i = 0; i < size; i++) {
      if (fingerprints[i] == fingerprint) {
        return;
      }
    }
    if (size >= MAX_TRACKED) {
      for (int i = 0; i < size; i++) {
        if (ContentFingerprint.nearDuplicates(fingerprint, fingerprints[i])) {
          return;
        }
      }
      stories++;
      return;
    }
    if (size == fingerprints.length) {
      int capacity = Math.min(MAX_TRACKED, size * 2);
      fingerprints = Arrays.copyOf(fingerprints, capacity);
      parent = Arrays.copyOf(parent, capacity);
    }
    int self = size++;
    fingerprints[self] = fingerprint;
    parent[self] = self;
    stories++;
    for (int i = 0; i < self; i++) {
      if (ContentFingerprint.nearDuplicates(fingerprint, fingerprints[i])) {
        int a = find(i);
        int b = find(self);
        if (a != b) {
          // Keep the older root: roots then never point forward, which keeps find() short.
          parent[Math.max(a, b)] = Math.min(a, b);
          stories--;
        }
      }
    }
  }

  private int find(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  int serializedSize() {
    return 4 + 8 + size * (8 + 4);
  }

  void writeTo(ByteBuffer buf) {
    buf.putInt(size).putLong(stories);
    for (int i = 0; i < size; i++) {
      buf.putLong(fingerprints[i]);
    }
    for (int i = 0; i < size; i++) {
      buf.putInt(parent[i]);
    }
  }

  static StoryClusters readFrom(ByteBuffer buf) {
    int size = buf.getInt();
    long stories = buf.getLong();
    int capacity = Math.max(4, size);
    long[] fingerprints = new long[capacity];
    int[] parent = new int[capacity];
    for (int i = 0; i < size; i++) {
      fingerprints[i] = buf.getLong();
    }
    for (int i = 0; i < size; i++) {
      parent[i] = buf.getInt();
    }
    return new StoryClusters(fingerprints, parent, size, stories);
  }
}
