package com.finpulse.processor.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which articles the shadow candidate scores: those whose id hashes below the sample share. The
 * rule depends on the id alone, so every processor instance, every restart and any reader of {@code
 * models.shadow} agree on the sample: the first 8 bytes of the SHA-256 of the id's UTF-8 bytes, as
 * an unsigned fraction of 2^64, compared with the share.
 */
public final class ShadowSample {

  private ShadowSample() {}

  /** The article's place in [0, 1). */
  public static double position(String articleId) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("SHA-256").digest(articleId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (d[i] & 0xff);
    }
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** Whether the article is in a sample of {@code share} (0: none, 1: all); no id, never. */
  public static boolean includes(String articleId, double share) {
    return articleId != null && !articleId.isEmpty() && position(articleId) < share;
  }
}
