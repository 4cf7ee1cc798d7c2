package com.finpulse.ingest.dedup;

import java.util.Locale;

/** What the dedup check decided about an article. */
public enum DuplicateKind {
  /** Not seen before: publish it. */
  NEW,
  /**
   * This source delivered this article before (a feed re-listing its items, a replay resumed after
   * a restart). Not a duplicate story, just nothing new; counted apart.
   */
  KNOWN,
  /** The same article (same canonical URL) already came from another source. */
  EXACT,
  /** A syndicated copy: another URL, same title and lead within the near-duplicate window. */
  NEAR;

  /** The {@code kind} tag of the duplicates counter. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
