package com.finpulse.app.grafana;

import com.finpulse.app.grafana.GrafanaTemplating.Selection;
import com.finpulse.common.influx.InfluxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.influxdb.dto.QueryResult;
import org.jspecify.annotations.Nullable;

/**
 * Runs every query of a dashboard against a real InfluxDB as Grafana would: template variables are
 * resolved in order (query variables by running their own InfluxQL), then each panel target and
 * annotation query is rendered and executed.
 *
 * <p>A dashboard passes when some selection of its variables, tried in the order a user meets them
 * (the dashboard's defaults first, then the other values), makes every query succeed and return at
 * least one series: every panel can show data. Any query that fails or stays empty under every
 * selection tried is reported with its rendered InfluxQL.
 */
final class DashboardQueryCheck {

  /** Values tried per single-value variable, and selections tried per dashboard. */
  private static final int MAX_VALUES_PER_VARIABLE = 8;

  private static final int MAX_SELECTIONS = 400;

  private final InfluxStore store;
  private final QueryTimeRange range;
  private final Duration dataSourceMinInterval;

  DashboardQueryCheck(InfluxStore store, QueryTimeRange range, Duration dataSourceMinInterval) {
    this.store = store;
    this.range = range;
    this.dataSourceMinInterval = dataSourceMinInterval;
  }

  /** One executed query. */
  record Outcome(PanelQuery query, String rendered, int series, @Nullable String error) {

    boolean ok() {
      return error == null && series > 0;
    }

    String verdict() {
      return error != null ? "ERROR " + error : series == 0 ? "no series" : series + " series";
    }
  }

  /** The best selection found for a dashboard, and what every query returned under it. */
  record Result(
      DashboardFile dashboard,
      Map<String, Selection> selection,
      List<Outcome> outcomes,
      int selectionsTried) {

    boolean passed() {
      return !outcomes.isEmpty() && outcomes.stream().allMatch(Outcome::ok);
    }

    List<Outcome> failures() {
      return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    long okCount() {
      return outcomes.stream().filter(Outcome::ok).count();
    }

    String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(dashboard.title())
          .append(passed() ? ": every query returned data" : ": " + failures().size() + " failing")
          .append(" (selection ")
          .append(selection)
          .append(", ")
          .append(selectionsTried)
          .append(" selection(s) tried)\n");
      for (Outcome o : outcomes) {
        sb.append(o.ok() ? "  ok   " : "  FAIL ")
            .append(o.query().location())
            .append(": ")
            .append(o.verdict())
            .append('\n');
        if (!o.ok()) {
          sb.append("       ").append(o.rendered()).append('\n');
        }
      }
      return sb.toString();
    }
  }

  Result check(DashboardFile dashboard) {
    Search search = new Search(dashboard);
    search.explore(0, new LinkedHashMap<>(), new ArrayList<>());
    if (search.best == null) {
      throw new IllegalStateException("no selection evaluated for " + dashboard.title());
    }
    return search.best;
  }

  /** Depth-first over the variables' candidate values; stops at the first selection that passes. */
  private final class Search {
    private final DashboardFile dashboard;
    private @Nullable Result best;
    private int tried;

    Search(DashboardFile dashboard) {
      this.dashboard = dashboard;
    }

    boolean explore(int index, Map<String, Selection> selection, List<Outcome> variableOutcomes) {
      if (tried >= MAX_SELECTIONS) {
        return false;
      }
      if (index == dashboard.variables().size()) {
        tried++;
        List<Outcome> outcomes = new ArrayList<>(variableOutcomes);
        for (PanelQuery q : dashboard.shownQueries()) {
          outcomes.add(run(q, selection));
        }
        keep(new Result(dashboard, Map.copyOf(selection), outcomes, tried));
        return best != null && best.passed();
      }
      TemplateVariable variable = dashboard.variables().get(index);
      List<Outcome> outcomes = new ArrayList<>(variableOutcomes);
      List<Selection> candidates;
      if (variable.isQuery()) {
        PanelQuery query = DashboardFile.variableQuery(variable);
        Outcome outcome = run(query, selection);
        outcomes.add(outcome);
        if (!outcome.ok()) {
          tried++;
          keep(new Result(dashboard, Map.copyOf(selection), outcomes, tried));
          return false;
        }
        candidates = candidates(variable, values(outcome.rendered(), variable.sort()));
      } else if (variable.isCustom()) {
        candidates = candidates(variable, variable.customValues());
      } else {
        throw new IllegalArgumentException(
            "variable $"
                + variable.name()
                + " has type "
                + variable.type()
                + ", not query or custom");
      }
      for (Selection candidate : candidates) {
        Map<String, Selection> next = new LinkedHashMap<>(selection);
        next.put(variable.name(), candidate);
        if (explore(index + 1, next, outcomes)) {
          return true;
        }
      }
      return false;
    }

    private void keep(Result result) {
      if (best == null || result.okCount() > best.okCount()) {
        best = result;
      } else {
        best = new Result(best.dashboard(), best.selection(), best.outcomes(), tried);
      }
    }
  }

  /** The selections to try for a variable: the dashboard's default first. */
  private static List<Selection> candidates(TemplateVariable v, List<String> values) {
    if (values.isEmpty()) {
      return List.of();
    }
    if (v.rendersAsList()) {
      List<String> chosen =
          v.allSelected() || v.current().isEmpty()
              ? values
              : v.current().stream().filter(values::contains).toList();
      return List.of(Selection.list(chosen.isEmpty() ? values : chosen));
    }
    List<String> ordered = new ArrayList<>();
    v.current().stream().filter(values::contains).findFirst().ifPresent(ordered::add);
    values.stream().filter(x -> !ordered.contains(x)).forEach(ordered::add);
    return ordered.stream().limit(MAX_VALUES_PER_VARIABLE).map(Selection::single).toList();
  }

  /** A query variable's values: the {@code value} column of SHOW TAG VALUES (Grafana's choice). */
  private List<String> values(String rendered, int sort) {
    QueryResult result = store.query(rendered);
    List<String> values = new ArrayList<>();
    for (QueryResult.Result r : result.getResults()) {
      for (QueryResult.Series s :
          r.getSeries() == null ? List.<QueryResult.Series>of() : r.getSeries()) {
        int column = s.getColumns().indexOf("value");
        int index = column >= 0 ? column : s.getColumns().size() > 1 ? 1 : 0;
        for (List<Object> row : s.getValues()) {
          values.add(String.valueOf(row.get(index)));
        }
      }
    }
    List<String> distinct = new ArrayList<>(new TreeSet<>(values));
    if (sort == 0) {
      return values.stream().distinct().toList();
    }
    Comparator<String> order =
        sort == 5 || sort == 6 ? String.CASE_INSENSITIVE_ORDER : Comparator.naturalOrder();
    distinct.sort(sort % 2 == 0 ? order.reversed() : order);
    return distinct;
  }

  private Outcome run(PanelQuery query, Map<String, Selection> selection) {
    String rendered;
    try {
      rendered =
          GrafanaTemplating.render(query.query(), selection, range, intervalFor(query, selection));
    } catch (IllegalArgumentException e) {
      return new Outcome(query, query.query(), 0, e.getMessage());
    }
    try {
      QueryResult result = store.query(rendered);
      int series = 0;
      String error = null;
      for (QueryResult.Result r : result.getResults()) {
        if (r.hasError()) {
          error = r.getError();
        } else if (r.getSeries() != null) {
          series += r.getSeries().size();
        }
      }
      return new Outcome(query, rendered, series, error);
    } catch (RuntimeException e) {
      return new Outcome(query, rendered, 0, e.getMessage());
    }
  }

  /** {@code $__interval} for a query: the panel's minimum interval (variables resolved) applies. */
  private Duration intervalFor(PanelQuery query, Map<String, Selection> selection) {
    Duration min = dataSourceMinInterval;
    if (query.minInterval() != null) {
      String text =
          GrafanaTemplating.render(query.minInterval(), selection, range, dataSourceMinInterval);
      min = QueryTimeRange.parse(text);
    }
    return range.interval(min);
  }
}
