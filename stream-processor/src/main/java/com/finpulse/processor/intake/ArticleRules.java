package com.finpulse.processor.intake;

import com.finpulse.common.event.NewsArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline needs of an article beyond its schema: ids that partition and dedup exactly, a
 * title to score, a fingerprint for the novelty counts, and a fetch time that cannot drag the
 * windows into the future.
 */
final class ArticleRules {

  /** How far a fetch time may run ahead of the record's timestamp (producer or broker clock). */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
  private static final int MAX_TICKER_LENGTH = 16;

  private ArticleRules() {}

  /** Every rule the article breaks; empty when it is fine. */
  static List<String> violations(NewsArticle a, @Nullable String key, long recordTimestamp) {
    List<String> out = new ArrayList<>();
    if (!ID.matcher(a.id()).matches()) {
      out.add("id must be 32 lower-case hex characters, got '" + abbreviate(a.id()) + "'");
    }
    if (key == null) {
      out.add("record key is missing: it must be the article id (partitioning and dedup use it)");
    } else if (!key.equals(a.id())) {
      out.add(
          "record key '"
              + abbreviate(key)
              + "' is not the article id '"
              + abbreviate(a.id())
              + "'");
    }
    if (a.title().isBlank()) {
      out.add("title is blank");
    }
    if (a.source().isBlank()) {
      out.add("source is blank");
    }
    if (!FINGERPRINT.matcher(a.fingerprint()).matches()) {
      out.add(
          "fingerprint must be 16 lower-case hex characters, got '"
              + abbreviate(a.fingerprint())
              + "'");
    }
    for (String t : a.tickers()) {
      if (t == null || t.isBlank() || t.length() > MAX_TICKER_LENGTH || !t.equals(t.strip())) {
        out.add("ticker '" + abbreviate(String.valueOf(t)) + "' is blank, padded or too long");
        break;
      }
    }
    if (recordTimestamp >= 0
        && a.fetchedAt().toEpochMilli() > recordTimestamp + MAX_CLOCK_SKEW.toMillis()) {
      out.add(
          "fetched_at "
              + a.fetchedAt()
              + " is after the record's timestamp "
              + java.time.Instant.ofEpochMilli(recordTimestamp)
              + " by more than "
              + MAX_CLOCK_SKEW.toMinutes()
              + " min (clock skew would move the trend windows into the future)");
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
