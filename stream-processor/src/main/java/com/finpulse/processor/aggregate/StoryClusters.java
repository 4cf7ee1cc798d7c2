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
 * <p>At most {@value #MAX_TRACKED} distinct fingerprints are kept per window and key; beyond that a
 * new fingerprint that matches none of them counts as a new story without being tracked. The
 * clusters live in {@link StoryCounter}'s memory; what it persists is the sequence of {@link #add}
 * calls that changed them, which replays to the same state.
 */
final class StoryClusters {

  static final int MAX_TRACKED = 20_000;

  /** What an {@link #add} did. */
  enum Added {
    /** Nothing: the fingerprint is tracked already, or (beyond the cap) matches a tracked one. */
    NOTHING,
    /** A new tracked fingerprint: a new story, or joined to (and maybe merging) tracked ones. */
    TRACKED,
    /** Beyond the cap: a new story, counted but not tracked. */
    UNTRACKED
  }

  private long[] fingerprints = new long[4];
  private int[] parent = new int[4];
  private int size;
  private long stories;
  private long untracked;

  long stories() {
    return stories;
  }

  int tracked() {
    return size;
  }

  /** Adds so far that returned {@link Added#UNTRACKED}. */
  long untracked() {
    return untracked;
  }

  Added add(long fingerprint) {
    for (int i = 0; i < size; i++) {
      if (fingerprints[i] == fingerprint) {
        return Added.NOTHING;
      }
    }
    if (size >= MAX_TRACKED) {
      for (int i = 0; i < size; i++) {
        if (ContentFingerprint.nearDuplicates(fingerprint, fingerprints[i])) {
          return Added.NOTHING;
        }
      }
      stories++;
      untracked++;
      return Added.UNTRACKED;
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
    return Added.TRACKED;
  }

  /** Replays {@code n} adds that returned {@link Added#UNTRACKED}. */
  void addUntracked(long n) {
    stories += n;
    untracked += n;
  }

  private int find(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * The story count of a cluster set in the form version 1 aggregates embedded (size, stories,
   * fingerprints, parents); leaves {@code buf} after it.
   */
  static long skipLegacy(ByteBuffer buf) {
    int size = buf.getInt();
    long stories = buf.getLong();
    buf.position(buf.position() + size * (8 + 4));
    return stories;
  }
}
