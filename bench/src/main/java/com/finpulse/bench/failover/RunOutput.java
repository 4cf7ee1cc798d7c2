package com.finpulse.bench.failover;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.TopicReads;
import com.finpulse.common.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.influxdb.dto.QueryResult;

/**
 * What one run left behind: every committed record on news.scored (read_committed), the
 * scored_article points and the final sentiment_trend points in InfluxDB.
 *
 * @param scoredCopies committed news.scored records per article id
 * @param modelIds the models that scored them
 * @param influxArticles scored_article points per article id
 * @param trends the final trend points, by {@code key_kind:key:window@window start}
 */
record RunOutput(
    Map<String, Integer> scoredCopies,
    TreeSet<String> modelIds,
    Map<String, Integer> influxArticles,
    Map<String, TrendCounts> trends) {

  /** The counts of one trend point, and its mean score. */
  record TrendCounts(
      long count,
      long negative,
      long neutral,
      long positive,
      long novel,
      long novelNegative,
      double meanScore) {

    /** The same articles counted the same way (mean scores may differ in the last bits). */
    boolean sameCounts(TrendCounts o) {
      return count == o.count
          && negative == o.negative
          && neutral == o.neutral
          && positive == o.positive
          && novel == o.novel
          && novelNegative == o.novelNegative;
    }
  }

  /** The market-wide series of the smallest window: every article counted there once. */
  static final String MARKET_ONE_MINUTE_PREFIX = "market:all:1m@";

  long scoredRecords() {
    return scoredCopies.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** Articles counted in the market-wide one-minute trend points. */
  long marketCount() {
    return trends.entrySet().stream()
        .filter(e -> e.getKey().startsWith(MARKET_ONE_MINUTE_PREFIX))
        .mapToLong(e -> e.getValue().count())
        .sum();
  }

  static RunOutput read(String bootstrapServers, InfluxStore influx) {
    Map<String, Integer> scored = new TreeMap<>();
    TreeSet<String> models = new TreeSet<>();
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReads.committed(bootstrapServers, Topics.NEWS_SCORED, Duration.ofSeconds(60))) {
      ScoredArticle a = EventSerdes.scoredArticle().read(r.value());
      scored.merge(a.articleId(), 1, Integer::sum);
      models.add(a.modelId());
    }
    Map<String, Integer> articles = new TreeMap<>();
    for (Map<String, Object> row :
        rows(
            influx,
            "SELECT \""
                + InfluxSchema.Article.FIELD_ARTICLE_ID
                + "\" FROM \""
                + InfluxSchema.Article.MEASUREMENT
                + "\"")) {
      articles.merge((String) row.get(InfluxSchema.Article.FIELD_ARTICLE_ID), 1, Integer::sum);
    }
    Map<String, TrendCounts> trends = new TreeMap<>();
    for (Map<String, Object> row :
        rows(influx, "SELECT * FROM \"" + InfluxSchema.Trend.MEASUREMENT + "\"")) {
      String key =
          row.get(InfluxSchema.Trend.TAG_KEY_KIND)
              + ":"
              + row.get(InfluxSchema.Trend.TAG_KEY)
              + ":"
              + row.get(InfluxSchema.Trend.TAG_WINDOW)
              + "@"
              + row.get("time");
      trends.put(
          key,
          new TrendCounts(
              whole(row, InfluxSchema.Trend.FIELD_COUNT),
              whole(row, InfluxSchema.Trend.FIELD_NEGATIVE),
              whole(row, InfluxSchema.Trend.FIELD_NEUTRAL),
              whole(row, InfluxSchema.Trend.FIELD_POSITIVE),
              whole(row, InfluxSchema.Trend.FIELD_NOVEL_COUNT),
              whole(row, InfluxSchema.Trend.FIELD_NOVEL_NEGATIVE),
              ((Number) row.get(InfluxSchema.Trend.FIELD_MEAN_SCORE)).doubleValue()));
    }
    return new RunOutput(scored, models, articles, trends);
  }

  private static long whole(Map<String, Object> row, String field) {
    return ((Number) row.get(field)).longValue();
  }

  private static List<Map<String, Object>> rows(InfluxStore store, String query) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (QueryResult.Result r : store.query(query).getResults()) {
      if (r.getError() != null) {
        throw new IllegalStateException("InfluxDB query failed: " + r.getError());
      }
      if (r.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : r.getSeries()) {
        for (List<Object> values : s.getValues()) {
          Map<String, Object> row = new HashMap<>();
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
