package com.finpulse.app.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.app.grafana.GrafanaTemplating.Selection;
import com.finpulse.common.config.LocalEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Extraction of the dashboards' queries and their rendering with template variables. */
class DashboardQueriesTest {

  private static final GrafanaProvisioning PROVISIONING = GrafanaProvisioning.ofRepository();
  private static final QueryTimeRange SIX_HOURS =
      new QueryTimeRange(
          Instant.parse("2026-11-20T06:00:00Z"), Instant.parse("2026-11-20T12:00:00Z"));

  @Test
  void everyPanelOfEveryDashboardHasRawInfluxQl() {
    List<DashboardFile> dashboards = DashboardFile.loadAll(PROVISIONING.dashboardsDir());
    assertThat(dashboards)
        .extracting(DashboardFile::uid)
        .containsExactlyInAnyOrder("finpulse-overview", "finpulse-drilldown", "finpulse-pipeline");
    for (DashboardFile d : dashboards) {
      assertThat(d.panelQueries()).as(d.title()).isNotEmpty();
      assertThat(d.panelQueries())
          .as(d.title())
          .allSatisfy(
              q -> assertThat(q.query()).containsIgnoringCase("SELECT").contains("$timeFilter"));
    }
    DashboardFile overview = find(dashboards, "finpulse-overview");
    assertThat(overview.annotationQueries())
        .extracting(PanelQuery::location)
        .contains("annotation \"Alerts firing\"");
    assertThat(overview.variables())
        .extracting(TemplateVariable::name)
        .containsExactly("topic", "ticker", "window");
    assertThat(find(dashboards, "finpulse-drilldown").variables())
        .extracting(TemplateVariable::name)
        .containsExactly("key_kind", "key", "window", "baseline");
  }

  @Test
  void provisioningPointsAtTheDatabaseTheServicesWrite() {
    assertThat(PROVISIONING.database()).isEqualTo(LocalEndpoints.INFLUX_DATABASE);
    assertThat(PROVISIONING.dataSourceUid()).isEqualTo("finpulse-influxdb");
    assertThat(PROVISIONING.minInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void multiValueSelectionsBecomeEscapedAlternativesInsideRegexes() {
    String rendered =
        GrafanaTemplating.render(
            "SELECT sum(\"count\") FROM \"sentiment_trend\" WHERE \"key\" =~ /^$ticker$/ AND $timeFilter",
            Map.of("ticker", Selection.list(List.of("AAPL", "BRK.B"))),
            SIX_HOURS,
            Duration.ofMinutes(1));
    assertThat(rendered)
        .isEqualTo(
            "SELECT sum(\"count\") FROM \"sentiment_trend\" WHERE \"key\" =~ /^(AAPL|BRK\\.B)$/ AND "
                + "time >= 1795154400000ms and time <= 1795176000000ms");
  }

  @Test
  void singleValuesAreEscapedInRegexesAndLiteralElsewhere() {
    Map<String, Selection> selection =
        Map.of(
            "key", Selection.single("BRK.B"),
            "key_kind", Selection.single("ticker"),
            "baseline", Selection.single("60"));
    String rendered =
        GrafanaTemplating.render(
            "WHERE \"key_kind\" = '$key_kind' AND \"key\" = '${key}' OR \"tickers\" =~ /(^|,)$key(,|$)/ "
                + "LIMIT $baseline",
            selection,
            SIX_HOURS,
            Duration.ofMinutes(1));
    assertThat(rendered)
        .isEqualTo(
            "WHERE \"key_kind\" = 'ticker' AND \"key\" = 'BRK.B' OR \"tickers\" =~ /(^|,)BRK\\.B(,|$)/ LIMIT 60");
  }

  @Test
  void intervalsFollowTheRangeAndThePanelMinimum() {
    assertThat(SIX_HOURS.interval(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(20));
    assertThat(SIX_HOURS.interval(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    assertThat(
            GrafanaTemplating.render(
                "GROUP BY time($__interval) x $__interval_ms",
                Map.of(),
                SIX_HOURS,
                Duration.ofMinutes(5)))
        .isEqualTo("GROUP BY time(5m) x 300000");
    assertThat(QueryTimeRange.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(QueryTimeRange.format(Duration.ofHours(1))).isEqualTo("1h");
  }

  @Test
  void aMisspelledVariableIsDetectedNotSentAsIs() {
    assertThatThrownBy(
            () ->
                GrafanaTemplating.render(
                    "SELECT \"title\" FROM \"scored_article\" WHERE \"topic\" =~ /^$topik$/ AND $timeFilter",
                    Map.of("topic", Selection.list(List.of("Earnings"))),
                    SIX_HOURS,
                    Duration.ofMinutes(1)))
        .isInstanceOf(GrafanaTemplating.UnresolvedVariableException.class)
        .hasMessageContaining("$topik");
  }

  @Test
  void aMultiValueVariableOutsideARegexIsRejected() {
    assertThatThrownBy(
            () ->
                GrafanaTemplating.render(
                    "WHERE \"topic\" = '$topic'",
                    Map.of("topic", Selection.list(List.of("Earnings", "Macro"))),
                    SIX_HOURS,
                    Duration.ofMinutes(1)))
        .hasMessageContaining("outside a regular expression");
  }

  @Test
  void aQueryBuilderTargetIsRejectedWithItsLocation() {
    String json =
        """
        {"uid": "x", "title": "x", "panels": [{"id": 7, "title": "Built", "type": "timeseries",
          "targets": [{"refId": "B", "measurement": "sentiment_trend", "select": [[]]}]}]}
        """;
    assertThatThrownBy(() -> DashboardFile.parse(json))
        .hasMessageContaining("panel 7 \"Built\" B is not a raw InfluxQL query");
  }

  @Test
  void panelsInsideCollapsedRowsAreExtracted() {
    DashboardFile d =
        DashboardFile.parse(
            """
            {"uid": "x", "title": "x", "panels": [{"id": 1, "type": "row", "collapsed": true,
              "panels": [{"id": 2, "title": "Inner", "interval": "$window",
                "targets": [{"refId": "A", "rawQuery": true, "query": "SELECT 1"}]}]}]}
            """);
    assertThat(d.panelQueries())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo("panel 2 \"Inner\" A");
              assertThat(q.minInterval()).isEqualTo("$window");
            });
  }

  private static DashboardFile find(List<DashboardFile> dashboards, String uid) {
    return dashboards.stream().filter(d -> d.uid().equals(uid)).findFirst().orElseThrow();
  }
}
