package com.finpulse.ingest.dedup;

import java.util.List;

/**
 * What dedup remembers of an article that was sent.
 *
 * @param id article id (32 hex)
 * @param aliases other ids the same article is known by (the listing link's id when the page's
 *     canonical URL differs), so the link is not fetched again
 * @param fingerprint {@code ContentFingerprint} of title + lead, 16 hex
 * @param titleFingerprint fingerprint of the title alone; 0 for titles too short to compare alone
 * @param eventMillis publish time (else fetch time) in epoch milliseconds: the near-duplicate
 *     window is measured on it
 * @param sentMillis when it was sent, for retention
 * @param source the source that delivered it
 */
public record SentArticle(
    String id,
    List<String> aliases,
    String fingerprint,
    long titleFingerprint,
    long eventMillis,
    long sentMillis,
    String source) {

  public SentArticle {
    aliases = List.copyOf(aliases);
  }
}
