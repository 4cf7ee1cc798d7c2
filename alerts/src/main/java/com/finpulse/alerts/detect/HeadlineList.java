package com.finpulse.alerts.detect;

import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.common.event.ContentFingerprint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The most negative headlines of one time bucket, most negative first, one per story: a syndicated
 * copy (near-duplicate fingerprint) replaces its story's entry only when it is more negative.
 */
public record HeadlineList(List<StoredHeadline> headlines) {

  private static final Comparator<StoredHeadline> MOST_NEGATIVE_FIRST =
      Comparator.comparingDouble((StoredHeadline h) -> h.headline().sentimentScore())
          .thenComparing(h -> h.headline().eventTime())
          .thenComparing(h -> h.headline().articleId());

  public HeadlineList {
    headlines = headlines == null ? List.of() : List.copyOf(headlines);
  }

  public static HeadlineList empty() {
    return new HeadlineList(List.of());
  }

  /** This list with {@code h} added, keeping the {@code limit} most negative stories. */
  public HeadlineList add(StoredHeadline h, int limit) {
    List<StoredHeadline> out = new ArrayList<>(headlines.size() + 1);
    boolean sameStorySeen = false;
    for (StoredHeadline existing : headlines) {
      if (existing.headline().articleId().equals(h.headline().articleId())
          || ContentFingerprint.nearDuplicates(existing.fingerprint(), h.fingerprint())) {
        sameStorySeen = true;
        out.add(
            h.headline().sentimentScore() < existing.headline().sentimentScore() ? h : existing);
      } else {
        out.add(existing);
      }
    }
    if (!sameStorySeen) {
      out.add(h);
    }
    out.sort(MOST_NEGATIVE_FIRST);
    return new HeadlineList(out.subList(0, Math.min(limit, out.size())));
  }

  /** The {@code limit} most negative stories across several buckets. */
  public static List<EvidenceHeadline> top(Iterable<HeadlineList> buckets, int limit) {
    HeadlineList merged = empty();
    for (HeadlineList b : buckets) {
      for (StoredHeadline h : b.headlines()) {
        merged = merged.add(h, limit);
      }
    }
    return merged.headlines().stream().map(StoredHeadline::headline).toList();
  }
}
