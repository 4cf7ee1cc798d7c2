package com.finpulse.model.data;

import com.finpulse.model.text.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Carves a dev split from training data so that near-duplicates (same text once lower-cased and
 * stripped of URLs and whitespace) always land on the same side: the side is a hash of the
 * near-duplicate key and the seed, not of the row. The same key lands on the same side in every
 * file, so a tweet in both the sentiment and the topic data cannot leak across.
 */
public record DevSplit(List<LabeledText> train, List<LabeledText> dev) {

  public static DevSplit of(List<LabeledText> all, double devFraction, long seed) {
    if (devFraction < 0 || devFraction >= 1) {
      throw new IllegalArgumentException("dev fraction must be in [0, 1), got " + devFraction);
    }
    List<LabeledText> train = new ArrayList<>();
    List<LabeledText> dev = new ArrayList<>();
    for (LabeledText x : all) {
      (isDev(x.text(), devFraction, seed) ? dev : train).add(x);
    }
    return new DevSplit(train, dev);
  }

  public static boolean isDev(String text, double devFraction, long seed) {
    return inShare(TextNormalizer.nearDuplicateKey(text), devFraction, seed);
  }

  /** True for about {@code share} of all keys: those whose seeded hash falls below it. */
  public static boolean inShare(String key, double share, long seed) {
    return hash(key, seed) % 10_000 < Math.round(share * 10_000);
  }

  /** A seeded hash of {@code key} (CRC32C of the seed and the key): a fixed order or side. */
  public static long hash(String key, long seed) {
    CRC32C crc = new CRC32C();
    crc.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
