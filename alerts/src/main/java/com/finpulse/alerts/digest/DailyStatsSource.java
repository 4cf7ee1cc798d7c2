package com.finpulse.alerts.digest;

import com.finpulse.alerts.detect.HeadlineList;
import com.finpulse.alerts.detect.HourStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** What the digest reads: hourly stats of every key and the hourly negative headlines. */
public interface DailyStatsSource {

  /** Per partition key ({@code topic:x}, {@code ticker:X}, {@code market}), hour start -> stats. */
  Map<String, NavigableMap<Long, HourStats>> hours(Instant from, Instant to);

  /** The hourly headline buckets of one key in [from, to). */
  List<HeadlineList> headlines(String partitionKey, Instant from, Instant to);
}
