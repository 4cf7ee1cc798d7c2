package com.finpulse.ingest.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import java.util.List;

/**
 * Duplicate detection.
 *
 * @param retention how long an article id is remembered (by when it was sent); a story re-listed
 *     after that is sent again
 * @param nearDuplicates drop syndicated copies: a different URL whose title + lead fingerprint is
 *     within {@code nearMaxDistance} bits of one already sent
 * @param nearWindow copies count as near-duplicates only when their publish times are this close
 * @param nearMaxDistance SimHash bits that may differ (0..10)
 * @param trackingParameters query parameters removed from URLs before they are compared, in
 *     addition to the built-in list ({@code utm_*}, {@code fbclid}, {@code gclid}, ...)
 */
public record DedupSettings(
    Duration retention,
    boolean nearDuplicates,
    Duration nearWindow,
    int nearMaxDistance,
    List<String> trackingParameters)
    implements Validated {

  public DedupSettings {
    trackingParameters = trackingParameters == null ? List.of() : List.copyOf(trackingParameters);
  }

  @Override
  public void validate(Validation v) {
    v.check(HttpSettings.positive(retention), "retention", "must be positive");
    v.check(HttpSettings.positive(nearWindow), "near_window", "must be positive");
    v.range(nearMaxDistance, 0, 10, "near_max_distance");
  }
}
