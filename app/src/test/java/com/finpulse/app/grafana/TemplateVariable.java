package com.finpulse.app.grafana;

import java.util.List;

/**
 * A dashboard template variable: a {@code query} variable (values come from InfluxDB) or a {@code
 * custom} one (values listed in the dashboard).
 *
 * @param query the InfluxQL of a query variable, or the comma-separated values of a custom one
 * @param current the values selected when the dashboard opens; {@link #ALL} for "All"
 * @param sort Grafana's sort code for query results (0 none, 1 alphabetical ascending, ...)
 */
record TemplateVariable(
    String name,
    String type,
    String query,
    boolean multi,
    boolean includeAll,
    List<String> current,
    int sort) {

  static final String ALL = "$__all";

  boolean isQuery() {
    return type.equals("query");
  }

  boolean isCustom() {
    return type.equals("custom");
  }

  /** Multi-value and "All" variables render as {@code (a|b)} in a regex, as Grafana does. */
  boolean rendersAsList() {
    return multi || includeAll;
  }

  boolean allSelected() {
    return current.contains(ALL);
  }

  /** The values of a custom variable; {@code text : value} entries contribute their value. */
  List<String> customValues() {
    return java.util.Arrays.stream(query.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> s.contains(" : ") ? s.substring(s.indexOf(" : ") + 3).trim() : s)
        .toList();
  }
}
