package com.finpulse.app.grafana;

import java.time.Duration;
import java.time.Instant;

/**
 * The dashboard time range a query is rendered for, and the bucket size Grafana derives from it.
 */
record QueryTimeRange(Instant from, Instant to) {

  /** Grafana's default for a panel: about one bucket per horizontal pixel. */
  static final int MAX_DATA_POINTS = 1000;

  QueryTimeRange {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("empty time range " + from + " .. " + to);
    }
  }

  /** What Grafana's InfluxDB data source puts for {@code $timeFilter}. */
  String timeFilter() {
    return "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms";
  }

  /**
   * {@code $__interval}: the range over {@link #MAX_DATA_POINTS}, rounded to Grafana's steps, and
   * never below the panel's (or the data source's) minimum interval.
   */
  Duration interval(Duration minInterval) {
    long raw = Duration.between(from, to).toMillis() / MAX_DATA_POINTS;
    long rounded = roundInterval(raw);
    return Duration.ofMillis(Math.max(rounded, minInterval.toMillis()));
  }

  /** Grafana's rangeutil roundInterval: snaps a raw interval to a readable step. */
  static long roundInterval(long ms) {
    long[][] steps = {
      {15, 10},
      {35, 20},
      {75, 50},
      {150, 100},
      {350, 200},
      {750, 500},
      {1_500, 1_000},
      {3_500, 2_000},
      {7_500, 5_000},
      {12_500, 10_000},
      {17_500, 15_000},
      {25_000, 20_000},
      {45_000, 30_000},
      {90_000, 60_000},
      {210_000, 120_000},
      {450_000, 300_000},
      {750_000, 600_000},
      {1_050_000, 900_000},
      {1_500_000, 1_200_000},
      {2_700_000, 1_800_000},
      {5_400_000, 3_600_000},
      {9_000_000, 7_200_000},
      {16_200_000, 10_800_000},
      {27_000_000, 21_600_000},
      {43_200_000, 43_200_000},
      {604_800_000, 86_400_000},
      {1_814_400_000, 604_800_000},
      {3_628_800_000L, 2_592_000_000L}
    };
    for (long[] step : steps) {
      if (ms < step[0]) {
        return step[1];
      }
    }
    return 31_536_000_000L;
  }

  /**
   * How Grafana's backend writes an interval into InfluxQL: {@code 500ms}, {@code 30s}, {@code 5m}.
   */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms >= 86_400_000 && ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms >= 3_600_000 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms >= 60_000 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms >= 1_000 && ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }

  /** Parses an interval as dashboards write it: {@code 10s}, {@code 5m}, {@code 1h}. */
  static Duration parse(String text) {
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d|w)").matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an interval: '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
