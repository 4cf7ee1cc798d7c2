package com.finpulse.alerts.detect;

import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.common.event.ScoredArticle;

/** An evidence headline with the story fingerprint that collapses its syndicated copies. */
public record StoredHeadline(EvidenceHeadline headline, String fingerprint) {

  /** An article as evidence of one key, with the score it has for that key (a ticker's own). */
  public static StoredHeadline of(ScoredArticle a, double sentimentScore) {
    return new StoredHeadline(
        new EvidenceHeadline(
            a.articleId(), a.title(), a.url(), a.source(), sentimentScore, a.eventTime()),
        a.fingerprint());
  }
}
