package com.finpulse.processor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ContentFingerprint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoryClustersTest {

  /** Components of the near-duplicate graph by brute force. */
  static long bruteForce(List<Long> fps) {
    List<Long> nodes = fps.stream().distinct().toList();
    int[] label = new int[nodes.size()];
    for (int i = 0; i < label.length; i++) {
      label[i] = i;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < nodes.size(); i++) {
        for (int j = 0; j < nodes.size(); j++) {
          if (ContentFingerprint.nearDuplicates(nodes.get(i), nodes.get(j))
              && label[j] < label[i]) {
            label[i] = label[j];
            changed = true;
          }
        }
      }
    }
    return java.util.Arrays.stream(label).distinct().count();
  }

  /** Stories of a few base fingerprints, each copied with 0 to 3 flipped bits, some chained. */
  static List<Long> syntheticWindow(Random r) {
    List<Long> out = new ArrayList<>();
    for (int story = 0; story < 15; story++) {
      long base = r.nextLong();
      long current = base;
      for (int copy = 0; copy < 1 + r.nextInt(5); copy++) {
        long variant = current;
        for (int flip = 0; flip < r.nextInt(4); flip++) {
          variant ^= 1L << r.nextInt(64);
        }
        out.add(variant);
        if (r.nextBoolean()) {
          current = variant; // chains: A~B, B~C, A maybe not ~C
        }
      }
    }
    return out;
  }

  @Test
  void storiesAreTheComponentsOfTheNearDuplicateGraphInAnyOrder() {
    Random r = new Random(42);
    for (int round = 0; round < 50; round++) {
      List<Long> window = syntheticWindow(r);
      long expected = bruteForce(window);
      for (int order = 0; order < 5; order++) {
        List<Long> shuffled = new ArrayList<>(window);
        Collections.shuffle(shuffled, r);
        StoryClusters c = new StoryClusters();
        shuffled.forEach(c::add);
        assertThat(c.stories()).describedAs("round %d order %d", round, order).isEqualTo(expected);
      }
    }
  }

  @Test
  void aBridgingArticleMergesTwoStories() {
    long a = 0L;
    long b = 0b111111L; // 6 bits from a: separate stories
    long bridge = 0b111L; // 3 bits from each
    StoryClusters c = new StoryClusters();
    c.add(a);
    c.add(b);
    assertThat(c.stories()).isEqualTo(2);
    c.add(bridge);
    assertThat(c.stories()).isEqualTo(1);
    c.add(a);
    assertThat(c.stories()).isEqualTo(1);
    assertThat(c.tracked()).isEqualTo(3);
  }

  @Test
  void beyondTheTrackingCapNewStoriesStillCount() {
    StoryClusters c = new StoryClusters();
    Random r = new Random(1);
    List<Long> far = new ArrayList<>();
    // Fingerprints at least 4 bits apart from each other are distinct stories.
    while (far.size() < StoryClusters.MAX_TRACKED + 10) {
      long f = r.nextLong();
      far.add(f);
    }
    far.forEach(c::add);
    assertThat(c.tracked()).isEqualTo(StoryClusters.MAX_TRACKED);
    assertThat(c.stories()).isBetween((long) StoryClusters.MAX_TRACKED, (long) far.size());
  }
}
