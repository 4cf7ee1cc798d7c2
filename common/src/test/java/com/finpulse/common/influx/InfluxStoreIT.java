package com.finpulse.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.embedded.junit.InfluxdExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Points written to a real influxd read back; a rewrite of the same point overwrites it. */
class InfluxStoreIT {

  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  @Test
  void pointWrittenIsReadBackAndRewritesAreIdempotent() throws Exception {
    InfluxSettings settings = InfluxSettings.local().withUrl(INFLUX.url());
    try (InfluxStore store = new InfluxStore(settings)) {
      store.ensureDatabase(Duration.ofSeconds(10));
      Instant windowStart = Instant.parse("2026-11-20T10:15:00Z");
      for (double share : new double[] {0.25, 0.5}) {
        Point p =
            Point.measurement(InfluxSchema.Trend.MEASUREMENT)
                .time(windowStart.toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag(InfluxSchema.Trend.TAG_KEY_KIND, "topic")
                .tag(InfluxSchema.Trend.TAG_KEY, "Earnings")
                .tag(InfluxSchema.Trend.TAG_WINDOW, "1m")
                .addField(InfluxSchema.Trend.FIELD_COUNT, 4L)
                .addField(InfluxSchema.Trend.FIELD_NEGATIVE_SHARE, share)
                .build();
        assertThat(store.writeUntilAccepted(List.of(p), () -> true)).isTrue();
      }
      QueryResult r =
          store.query(
              "SELECT \"negative_share\", \"count\" FROM \"sentiment_trend\" WHERE \"key\" = 'Earnings'");
      List<List<Object>> rows = r.getResults().get(0).getSeries().get(0).getValues();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get(1)).isEqualTo(0.5);
      assertThat(store.countOf("SELECT count(\"count\") FROM \"sentiment_trend\"")).isEqualTo(1);
    }
  }

  @Test
  void writeToDownServerGivesUpOnlyWhenTold() throws Exception {
    InfluxSettings nowhere = InfluxSettings.local().withUrl("http://127.0.0.1:1");
    try (InfluxStore store = new InfluxStore(nowhere)) {
      int[] asked = {0};
      Point p = Point.measurement("m").addField("v", 1L).build();
      boolean written = store.writeUntilAccepted(List.of(p), () -> ++asked[0] < 3);
      assertThat(written).isFalse();
      assertThat(asked[0]).isEqualTo(3);
    }
  }
}
