package com.finpulse.alerts.digest;

import com.finpulse.alerts.event.EvidenceHeadline;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One subscription's daily digest.
 *
 * @param day the local date the digest closes
 * @param from start of the 24 hours covered
 * @param to end of the 24 hours covered (the digest time)
 * @param keys the subscription's topics and tickers, in its order
 * @param movers keys (of any subscription) whose tone moved most against their prior week
 * @param headlines the most negative headlines of the subscription's keys in the day
 * @param alertsFired alerts that fired for the subscription's keys in the day
 */
public record DigestReport(
    String subscription,
    LocalDate day,
    ZoneId zone,
    Instant from,
    Instant to,
    List<KeyDay> keys,
    List<KeyDay> movers,
    List<EvidenceHeadline> headlines,
    int alertsFired) {

  public DigestReport {
    keys = List.copyOf(keys);
    movers = List.copyOf(movers);
    headlines = List.copyOf(headlines);
  }
}
