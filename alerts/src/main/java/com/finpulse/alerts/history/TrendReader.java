package com.finpulse.alerts.history;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxQl;
import com.finpulse.common.influx.InfluxSchema.Trend;
import com.finpulse.common.influx.InfluxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.influxdb.dto.QueryResult;
import org.jspecify.annotations.Nullable;

/**
 * The trend points the stream processor wrote to InfluxDB ({@link Trend}), per key, oldest first:
 * what the console charts. At most {@link #MAX_POINTS} per key (the newest).
 */
public final class TrendReader {

  public static final int MAX_POINTS = 2000;

  /** One window of one key. */
  public record Sample(
      Instant time,
      long count,
      long negative,
      double meanScore,
      double negativeShare,
      long novelCount,
      long novelNegative) {}

  /** The samples of one key. */
  public record Series(String key, List<Sample> points) {}

  private final InfluxStore store;

  public TrendReader(InfluxStore store) {
    this.store = store;
  }

  /**
   * @param key one key, or null for every key of {@code kind}
   */
  public List<Series> read(
      KeyKind kind, @Nullable String key, TrendWindow window, Instant from, Instant to) {
    String query =
        "SELECT "
            + String.join(
                ",",
                List.of(
                        Trend.FIELD_COUNT,
                        Trend.FIELD_NEGATIVE,
                        Trend.FIELD_MEAN_SCORE,
                        Trend.FIELD_NEGATIVE_SHARE,
                        Trend.FIELD_NOVEL_COUNT,
                        Trend.FIELD_NOVEL_NEGATIVE)
                    .stream()
                    .map(InfluxQl::identifier)
                    .toList())
            + " FROM "
            + InfluxQl.identifier(Trend.MEASUREMENT)
            + " WHERE "
            + InfluxQl.identifier(Trend.TAG_KEY_KIND)
            + " = "
            + InfluxQl.literal(kind.label())
            + " AND "
            + InfluxQl.identifier(Trend.TAG_WINDOW)
            + " = "
            + InfluxQl.literal(window.label())
            + (key == null
                ? ""
                : " AND " + InfluxQl.identifier(Trend.TAG_KEY) + " = " + InfluxQl.literal(key))
            + " AND time >= "
            + InfluxQl.time(from)
            + " AND time < "
            + InfluxQl.time(to)
            + " GROUP BY "
            + InfluxQl.identifier(Trend.TAG_KEY)
            + " ORDER BY time DESC LIMIT "
            + MAX_POINTS;
    List<Series> out = new ArrayList<>();
    for (QueryResult.Result r : store.query(query).getResults()) {
      if (r.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : r.getSeries()) {
        List<Sample> points = new ArrayList<>();
        for (List<Object> row : s.getValues()) {
          InfluxRows v = InfluxRows.of(s, row);
          points.add(
              new Sample(
                  v.time(),
                  v.whole(Trend.FIELD_COUNT),
                  v.whole(Trend.FIELD_NEGATIVE),
                  v.number(Trend.FIELD_MEAN_SCORE),
                  v.number(Trend.FIELD_NEGATIVE_SHARE),
                  v.whole(Trend.FIELD_NOVEL_COUNT),
                  v.whole(Trend.FIELD_NOVEL_NEGATIVE)));
        }
        points.sort(Comparator.comparing(Sample::time));
        out.add(new Series(InfluxRows.of(s, List.of()).tag(Trend.TAG_KEY), points));
      }
    }
    out.sort(Comparator.comparing(Series::key));
    return out;
  }
}
