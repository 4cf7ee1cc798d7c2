package com.finpulse.app.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.embedded.junit.InfluxdExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query of every provisioned dashboard (panel targets, annotations, template variables) runs
 * against a real influxd holding what the pipeline writes, with its template variables rendered as
 * Grafana renders them, and must succeed and return at least one series.
 *
 * <p>The data comes from {@link #fillByPipeline(String)} alone. The time range is the data's own,
 * so event times from a replayed feed work as well as wall-clock meters.
 */
class DashboardPanelQueriesIT {

  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  private static final GrafanaProvisioning PROVISIONING = GrafanaProvisioning.ofRepository();

  private static InfluxStore store;
  private static DashboardQueryCheck check;

  /**
   * Fills InfluxDB the way the running pipeline does. INTERIM: until the ingest, stream processor
   * and alerts services can run here, {@link InterimPipelineFiller} writes the meters through the
   * services' registry set-up and the trend, article, alert and notification points per {@code
   * InfluxSchema}. To be replaced by a run of the real services against {@code influxUrl} (and an
   * embedded broker) over a replayed feed that includes a poison record and a failing webhook.
   */
  static void fillByPipeline(String influxUrl) throws Exception {
    InterimPipelineFiller.fill(influxUrl);
  }

  @BeforeAll
  static void fill() throws Exception {
    fillByPipeline(INFLUX.url());
    store =
        new InfluxStore(
            new InfluxSettings(INFLUX.url(), PROVISIONING.database(), null, null, null));
    check = new DashboardQueryCheck(store, rangeOfData(store), PROVISIONING.minInterval());
  }

  @AfterAll
  static void close() {
    if (store != null) {
      store.close();
    }
  }

  static Stream<DashboardFile> dashboards() {
    return DashboardFile.loadAll(PROVISIONING.dashboardsDir()).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void everyQueryReturnsData(DashboardFile dashboard) {
    DashboardQueryCheck.Result result = check.check(dashboard);
    System.out.println(result.describe());
    assertThat(result.passed()).as(result.describe()).isTrue();
    assertThat(result.outcomes())
        .as("every panel, annotation and variable query ran")
        .hasSize(
            dashboard.panelQueries().size()
                + dashboard.annotationQueries().size()
                + dashboard.variableQueries().size());
  }

  @Test
  void brokenQueriesAreReported() {
    DashboardFile broken =
        DashboardFile.parse(
            """
            {"uid": "broken", "title": "Broken", "templating": {"list": []},
             "panels": [
               {"id": 1, "title": "typo", "targets": [{"refId": "A", "rawQuery": true,
                 "query": "SELEC mean(\\"count\\") FROM \\"sentiment_trend\\" WHERE $timeFilter"}]},
               {"id": 2, "title": "wrong measurement", "targets": [{"refId": "A", "rawQuery": true,
                 "query": "SELECT mean(\\"count\\") FROM \\"sentiment_trends\\" WHERE $timeFilter GROUP BY time($__interval) fill(none)"}]},
               {"id": 3, "title": "fine", "targets": [{"refId": "A", "rawQuery": true,
                 "query": "SELECT sum(\\"count\\") FROM \\"sentiment_trend\\" WHERE $timeFilter GROUP BY time($__interval) fill(0)"}]}
             ]}
            """);
    DashboardQueryCheck.Result result = check.check(broken);
    assertThat(result.passed()).isFalse();
    assertThat(result.failures())
        .extracting(o -> o.query().location())
        .containsExactly("panel 1 \"typo\" A", "panel 2 \"wrong measurement\" A");
    assertThat(result.failures().get(0).error()).contains("SELEC");
    assertThat(result.failures().get(1).verdict()).isEqualTo("no series");
  }

  /** From the earliest to the latest point in the database, a minute of margin either side. */
  private static QueryTimeRange rangeOfData(InfluxStore store) {
    Instant min = null;
    Instant max = null;
    for (List<Object> row : series(store.query("SHOW MEASUREMENTS"))) {
      String m = String.valueOf(row.get(0)).replace("\"", "\\\"");
      for (String order : List.of("ASC", "DESC")) {
        for (List<Object> first :
            series(
                store.query("SELECT * FROM \"" + m + "\" ORDER BY time " + order + " LIMIT 1"))) {
          Instant t = Instant.parse(String.valueOf(first.get(0)));
          min = min == null || t.isBefore(min) ? t : min;
          max = max == null || t.isAfter(max) ? t : max;
        }
      }
    }
    assertThat(min).as("the pipeline wrote nothing to InfluxDB").isNotNull();
    return new QueryTimeRange(min.minus(Duration.ofMinutes(1)), max.plus(Duration.ofMinutes(1)));
  }

  private static List<List<Object>> series(QueryResult result) {
    return result.getResults().stream()
        .filter(r -> r.getSeries() != null)
        .flatMap(r -> r.getSeries().stream())
        .flatMap(s -> s.getValues().stream())
        .toList();
  }
}
