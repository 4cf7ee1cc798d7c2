package com.finpulse.app.grafana;

import org.jspecify.annotations.Nullable;

/**
 * One InfluxQL query a dashboard sends, as written in its JSON (template variables not yet
 * substituted).
 *
 * @param location where it sits, for failure messages: {@code panel 5 "Title" A}
 * @param query the raw InfluxQL
 * @param minInterval the panel's minimum interval ({@code interval}, may name a variable); null for
 *     the data source's
 */
record PanelQuery(Kind kind, String location, String query, @Nullable String minInterval) {

  enum Kind {
    PANEL,
    ANNOTATION,
    VARIABLE
  }

  @Override
  public String toString() {
    return location;
  }
}
