package com.finpulse.ingest.dedup;

import com.finpulse.common.event.ContentFingerprint;
import java.util.HexFormat;

/**
 * Fingerprint of a headline alone. Syndicated copies often share the headline but not the lead (an
 * aggregator gives no summary, a wire copy a different teaser), so headlines are compared on their
 * own as well, when they are long enough to identify a story.
 */
final class TitleFingerprint {

  /** Headlines of fewer words ("Markets wrap") are too generic to identify a story alone. */
  static final int MIN_WORDS = 6;

  private TitleFingerprint() {}

  /** The headline's fingerprint, or 0 when it is too short to compare alone. */
  static long of(String title) {
    int words = title.strip().split("\\s+").length;
    if (words < MIN_WORDS) {
      return 0L;
    }
    return HexFormat.fromHexDigitsToLong(ContentFingerprint.of(title, null));
  }
}
