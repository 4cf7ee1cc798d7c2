package com.finpulse.alerts.digest;

import com.finpulse.alerts.config.DigestSettings;
import com.finpulse.alerts.detect.HeadlineList;
import com.finpulse.alerts.detect.HourStats;
import com.finpulse.alerts.detect.PartitionKeys;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.common.event.KeyKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Builds a subscription's digest for the 24 hours to the digest time: each subscribed key's day
 * against its prior seven days (article count, count-weighted mean score, negative share), the keys
 * whose mean score moved most, and the most negative headlines of the subscribed keys.
 */
public final class DigestBuilder {

  private static final Duration DAY = Duration.ofDays(1);
  private static final int WILDCARD_KEYS = 10;

  private final DigestSettings settings;
  private final DailyStatsSource source;

  public DigestBuilder(DigestSettings settings, DailyStatsSource source) {
    this.settings = settings;
    this.source = source;
  }

  public DigestReport build(Subscription s, Instant to, ZoneId zone, int alertsFired) {
    Instant from = to.minus(DAY);
    Instant priorFrom = from.minus(DAY.multipliedBy(7));
    Map<String, NavigableMap<Long, HourStats>> hours = source.hours(priorFrom, to);
    List<KeyDay> all = new ArrayList<>();
    for (Map.Entry<String, NavigableMap<Long, HourStats>> e : hours.entrySet()) {
      all.add(keyDay(e.getKey(), e.getValue(), from.toEpochMilli()));
    }

    Set<String> keys = new LinkedHashSet<>();
    for (String t : s.topics()) {
      if (t.equals(Subscription.ANY)) {
        top(all, KeyKind.TOPIC).forEach(k -> keys.add(PartitionKeys.of(k.keyKind(), k.key())));
      } else {
        keys.add(PartitionKeys.of(KeyKind.TOPIC, t));
      }
    }
    for (String t : s.tickers()) {
      if (t.equals(Subscription.ANY)) {
        top(all, KeyKind.TICKER).forEach(k -> keys.add(PartitionKeys.of(k.keyKind(), k.key())));
      } else {
        keys.add(PartitionKeys.of(KeyKind.TICKER, t));
      }
    }
    if (s.market()) {
      keys.add(PartitionKeys.MARKET);
    }
    List<KeyDay> mine = new ArrayList<>();
    for (String pk : keys) {
      NavigableMap<Long, HourStats> h = hours.get(pk);
      mine.add(h == null ? empty(pk) : keyDay(pk, h, from.toEpochMilli()));
    }

    List<KeyDay> movers =
        all.stream()
            .filter(k -> k.keyKind() != KeyKind.MARKET)
            .filter(k -> k.count() >= settings.minArticles() && k.hasPrior())
            .sorted(Comparator.comparingDouble((KeyDay k) -> -Math.abs(k.scoreChange())))
            .limit(settings.movers())
            .toList();

    List<HeadlineList> buckets = new ArrayList<>();
    for (String pk : keys) {
      buckets.addAll(source.headlines(pk, from, to));
    }
    return new DigestReport(
        s.name(),
        to.atZone(zone).toLocalDate(),
        zone,
        from,
        to,
        mine,
        movers,
        HeadlineList.top(buckets, settings.headlines()),
        alertsFired);
  }

  private static List<KeyDay> top(List<KeyDay> all, KeyKind kind) {
    return all.stream()
        .filter(k -> k.keyKind() == kind)
        .sorted(Comparator.comparingLong(KeyDay::count).reversed())
        .limit(WILDCARD_KEYS)
        .toList();
  }

  static KeyDay keyDay(String partitionKey, NavigableMap<Long, HourStats> hours, long dayStart) {
    long count = 0;
    long negative = 0;
    double scoreSum = 0;
    long priorCount = 0;
    long priorNegative = 0;
    double priorScoreSum = 0;
    for (Map.Entry<Long, HourStats> e : hours.entrySet()) {
      HourStats h = e.getValue();
      if (e.getKey() >= dayStart) {
        count += h.count();
        negative += h.negativeCount();
        scoreSum += h.meanScore() * h.count();
      } else {
        priorCount += h.count();
        priorNegative += h.negativeCount();
        priorScoreSum += h.meanScore() * h.count();
      }
    }
    KeyKind kind = kindOf(partitionKey);
    return new KeyDay(
        kind,
        keyOf(partitionKey),
        count,
        count == 0 ? 0 : scoreSum / count,
        count == 0 ? 0 : (double) negative / count,
        priorCount / 7.0,
        priorCount == 0 ? 0 : priorScoreSum / priorCount,
        priorCount == 0 ? 0 : (double) priorNegative / priorCount);
  }

  private static KeyDay empty(String pk) {
    return new KeyDay(kindOf(pk), keyOf(pk), 0, 0, 0, 0, 0, 0);
  }

  static KeyKind kindOf(String partitionKey) {
    if (partitionKey.equals(PartitionKeys.MARKET)) {
      return KeyKind.MARKET;
    }
    return KeyKind.fromLabel(partitionKey.substring(0, partitionKey.indexOf(':')));
  }

  static String keyOf(String partitionKey) {
    int colon = partitionKey.indexOf(':');
    return colon < 0 ? partitionKey : partitionKey.substring(colon + 1);
  }
}
