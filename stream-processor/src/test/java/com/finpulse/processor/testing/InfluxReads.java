package com.finpulse.processor.testing;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.processor.testing.TrendRecomputation.Expected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.influxdb.dto.QueryResult;

/** Reads back what the processor wrote to InfluxDB. */
public final class InfluxReads {

  private InfluxReads() {}

  /** Every trend point, by {@link TrendRecomputation#pointKey}. */
  public static Map<String, Expected> trends(InfluxStore store) {
    Map<String, Expected> out = new TreeMap<>();
    for (Map<String, Object> row :
        rows(store, "SELECT * FROM \"" + InfluxSchema.Trend.MEASUREMENT + "\"")) {
      long start = Instant.parse((String) row.get("time")).toEpochMilli();
      String key =
          TrendRecomputation.pointKey(
              KeyKind.fromLabel((String) row.get(InfluxSchema.Trend.TAG_KEY_KIND)),
              (String) row.get(InfluxSchema.Trend.TAG_KEY),
              TrendWindow.fromLabel((String) row.get(InfluxSchema.Trend.TAG_WINDOW)),
              start);
      out.put(
          key,
          new Expected(
              num(row, InfluxSchema.Trend.FIELD_COUNT).longValue(),
              num(row, InfluxSchema.Trend.FIELD_NEGATIVE).longValue(),
              num(row, InfluxSchema.Trend.FIELD_NEUTRAL).longValue(),
              num(row, InfluxSchema.Trend.FIELD_POSITIVE).longValue(),
              num(row, InfluxSchema.Trend.FIELD_MEAN_SCORE).doubleValue(),
              num(row, InfluxSchema.Trend.FIELD_NEGATIVE_SHARE).doubleValue(),
              num(row, InfluxSchema.Trend.FIELD_NOVEL_COUNT).longValue(),
              num(row, InfluxSchema.Trend.FIELD_NOVEL_NEGATIVE).longValue()));
    }
    return out;
  }

  /** The article ids of every scored_article point (one per point). */
  public static List<String> articleIds(InfluxStore store) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> row :
        rows(
            store,
            "SELECT \""
                + InfluxSchema.Article.FIELD_ARTICLE_ID
                + "\" FROM \""
                + InfluxSchema.Article.MEASUREMENT
                + "\"")) {
      out.add((String) row.get(InfluxSchema.Article.FIELD_ARTICLE_ID));
    }
    return out;
  }

  private static Number num(Map<String, Object> row, String column) {
    return (Number) row.get(column);
  }

  private static List<Map<String, Object>> rows(InfluxStore store, String query) {
    List<Map<String, Object>> out = new ArrayList<>();
    QueryResult result;
    try {
      result = store.query(query);
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("database not found")) {
        return out;
      }
      throw e;
    }
    for (QueryResult.Result r : result.getResults()) {
      if (r.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : r.getSeries()) {
        for (List<Object> values : s.getValues()) {
          Map<String, Object> row = new TreeMap<>();
          for (int i = 0; i < s.getColumns().size(); i++) {
            row.put(s.getColumns().get(i), values.get(i));
          }
          if (s.getTags() != null) {
            row.putAll(s.getTags());
          }
          out.add(row);
        }
      }
    }
    return out;
  }
}
