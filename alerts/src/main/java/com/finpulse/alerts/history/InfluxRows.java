package com.finpulse.alerts.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.dto.QueryResult;
import org.jspecify.annotations.Nullable;

/** One row of an InfluxQL answer, by column name (numbers arrive as doubles, times as text). */
record InfluxRows(Map<String, Object> values, Map<String, String> tags) {

  static InfluxRows of(QueryResult.Series series, List<Object> row) {
    Map<String, Object> values = new HashMap<>();
    List<String> columns = series.getColumns();
    for (int i = 0; i < columns.size() && i < row.size(); i++) {
      if (row.get(i) != null) {
        values.put(columns.get(i), row.get(i));
      }
    }
    return new InfluxRows(values, series.getTags() == null ? Map.of() : series.getTags());
  }

  Instant time() {
    return Instant.parse(String.valueOf(values.get("time")));
  }

  long whole(String column) {
    return values.get(column) instanceof Number n ? n.longValue() : 0;
  }

  double number(String column) {
    return values.get(column) instanceof Number n ? n.doubleValue() : 0;
  }

  String text(String column) {
    Object v = values.get(column);
    return v == null ? "" : String.valueOf(v);
  }

  @Nullable String optionalText(String column) {
    Object v = values.get(column);
    return v == null ? null : String.valueOf(v);
  }

  String tag(String name) {
    String v = tags.get(name);
    return v != null ? v : text(name);
  }
}
