package com.finpulse.alerts.api;

import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.alerts.history.TrendReader;
import org.jspecify.annotations.Nullable;

/**
 * The InfluxDB reads behind {@code /trends} and {@code /articles}; absent when the alerts service
 * runs without InfluxDB ({@code history.influx: false}), and then those routes answer 503.
 */
public record HistoryReads(@Nullable TrendReader trends, @Nullable ArticleReader articles) {

  public static final HistoryReads NONE = new HistoryReads(null, null);

  TrendReader trendsOrRefuse() {
    if (trends == null) {
      throw off();
    }
    return trends;
  }

  ArticleReader articlesOrRefuse() {
    if (articles == null) {
      throw off();
    }
    return articles;
  }

  private static ApiException off() {
    return new ApiException(
        503, "trends and articles need InfluxDB: set history.influx: true in alerts.yml");
  }
}
