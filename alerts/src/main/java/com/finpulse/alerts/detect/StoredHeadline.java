package com.finpulse.alerts.detect;

import com.finpulse.common.event.EvidenceHeadline;
import com.finpulse.common.event.ScoredArticle;

/** An evidence headline with the story fingerprint that collapses its syndicated copies. */
public record StoredHeadline(EvidenceHeadline headline, String fingerprint) {

  public static StoredHeadline of(ScoredArticle a) {
    return new StoredHeadline(
        new EvidenceHeadline(
            a.articleId(), a.title(), a.url(), a.source(), a.sentimentScore(), a.eventTime()),
        a.fingerprint());
  }
}
