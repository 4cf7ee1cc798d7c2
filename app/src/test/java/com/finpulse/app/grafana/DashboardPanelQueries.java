package com.finpulse.app.grafana;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.influx.InfluxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.influxdb.dto.QueryResult;

/**
 * Runs every query of every provisioned dashboard (panel targets, annotations, template variables)
 * against an InfluxDB, with template variables rendered as Grafana renders them. The time range is
 * the data's own, so event times from a replayed feed work as well as wall-clock meters.
 */
public final class DashboardPanelQueries {

  private static final GrafanaProvisioning PROVISIONING = GrafanaProvisioning.ofRepository();

  /** What one dashboard's queries returned. */
  public record Report(String dashboard, boolean passed, int queries, int ran, String describe) {}

  private final DashboardQueryCheck check;

  private DashboardPanelQueries(DashboardQueryCheck check) {
    this.check = check;
  }

  /** A checker over the provisioned database at {@code influxUrl}. */
  public static DashboardPanelQueries against(InfluxStore store) {
    return new DashboardPanelQueries(
        new DashboardQueryCheck(store, rangeOfData(store), PROVISIONING.minInterval()));
  }

  public static InfluxSettings provisionedDatabase(String influxUrl) {
    return new InfluxSettings(influxUrl, PROVISIONING.database(), null, null, null);
  }

  public List<Report> checkProvisioned() {
    return DashboardFile.loadAll(PROVISIONING.dashboardsDir()).stream().map(this::check).toList();
  }

  /** Checks one dashboard given as JSON; its failures name each query's location. */
  public Report checkJson(String json) {
    return check(DashboardFile.parse(json));
  }

  private Report check(DashboardFile dashboard) {
    DashboardQueryCheck.Result r = check.check(dashboard);
    int expected =
        dashboard.panelQueries().size()
            + dashboard.annotationQueries().size()
            + dashboard.variableQueries().size();
    return new Report(dashboard.title(), r.passed(), expected, r.outcomes().size(), r.describe());
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
    if (min == null) {
      throw new IllegalStateException(
          "InfluxDB holds no data: nothing to check dashboards against");
    }
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
