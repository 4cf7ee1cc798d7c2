package com.finpulse.common.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The one definition of an article id. Ids are 32 lower-case hex characters (128 bits). */
public final class ArticleIds {

  private ArticleIds() {}

  /**
   * Id of an article with a URL. The caller passes the canonical, normalised URL (ingest strips
   * tracking parameters and fragments first), so every copy of one URL gets one id.
   */
  public static String fromCanonicalUrl(String canonicalUrl) {
    return hash("url\u0000" + canonicalUrl);
  }

  /**
   * Id of an article without a URL (a replayed row): derived from what identifies the row, so a
   * second replay of the same file yields the same ids.
   */
  public static String fromContent(String title, @Nullable Instant publishedAt, String qualifier) {
    String normalisedTitle = title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return hash(
        "content\u0000"
            + normalisedTitle
            + "\u0000"
            + (publishedAt == null ? "" : publishedAt.toString())
            + "\u0000"
            + qualifier);
  }

  private static String hash(String input) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
