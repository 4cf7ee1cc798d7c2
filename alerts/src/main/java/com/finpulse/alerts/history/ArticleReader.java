package com.finpulse.alerts.history;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.influx.InfluxQl;
import com.finpulse.common.influx.InfluxSchema.Article;
import com.finpulse.common.influx.InfluxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.influxdb.dto.QueryResult;
import org.jspecify.annotations.Nullable;

/**
 * The scored articles the stream processor wrote to InfluxDB ({@link Article}), filtered: topic and
 * sentiment (tags) in the query, ticker, source and text over the newest {@link #SCAN} articles of
 * the time range (fields, matched here so that no request text becomes a regular expression).
 */
public final class ArticleReader {

  public static final int SCAN = 5000;

  static final int IDS_PER_QUERY = 100;

  /**
   * One scored article.
   *
   * @param modelId the model that scored it; empty for points written before it was recorded
   * @param tickerSentiment the sentiment label toward each ticker, where the model gave one
   * @param textHash {@code LabelFeedback.textHash(title)}: what a correction of it must name
   */
  public record Row(
      Instant time,
      String articleId,
      String topic,
      Sentiment sentiment,
      String title,
      @Nullable String url,
      String source,
      List<String> tickers,
      double score,
      double pNegative,
      double pNeutral,
      double pPositive,
      String modelId,
      Map<String, Sentiment> tickerSentiment,
      String textHash) {

    /** The largest minus the second largest sentiment probability: small means unsure. */
    public double margin() {
      double[] p = {pNegative, pNeutral, pPositive};
      Arrays.sort(p);
      return p[2] - p[1];
    }
  }

  /** Newest first, or most negative first. */
  /** The order of the articles read; the first is the API's default. */
  public enum Order {
    LATEST,
    MOST_NEGATIVE;

    /** As the API spells it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What to read; null filters match everything.
   *
   * @param text words of the title, case-insensitive
   */
  public record Filter(
      @Nullable String topic,
      @Nullable String ticker,
      @Nullable Sentiment sentiment,
      @Nullable String source,
      @Nullable String text,
      Instant from,
      Instant to,
      Order order,
      int limit) {}

  private final InfluxStore store;

  public ArticleReader(InfluxStore store) {
    this.store = store;
  }

  public List<Row> read(Filter f) {
    StringBuilder q =
        new StringBuilder("SELECT * FROM ")
            .append(InfluxQl.identifier(Article.MEASUREMENT))
            .append(" WHERE time >= ")
            .append(InfluxQl.time(f.from()))
            .append(" AND time < ")
            .append(InfluxQl.time(f.to()));
    if (f.topic() != null) {
      q.append(" AND ")
          .append(InfluxQl.identifier(Article.TAG_TOPIC))
          .append(" = ")
          .append(InfluxQl.literal(f.topic()));
    }
    if (f.sentiment() != null) {
      q.append(" AND ")
          .append(InfluxQl.identifier(Article.TAG_SENTIMENT))
          .append(" = ")
          .append(InfluxQl.literal(f.sentiment().label()));
    }
    q.append(" ORDER BY time DESC LIMIT ").append(SCAN);
    Predicate<Row> keep = matches(f);
    List<Row> rows = new ArrayList<>();
    for (QueryResult.Result r : store.query(q.toString()).getResults()) {
      if (r.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series s : r.getSeries()) {
        for (List<Object> values : s.getValues()) {
          Row row = row(InfluxRows.of(s, values));
          if (keep.test(row)) {
            rows.add(row);
          }
        }
      }
    }
    Comparator<Row> order =
        switch (f.order()) {
          case LATEST -> Comparator.comparing(Row::time).reversed();
          case MOST_NEGATIVE ->
              Comparator.comparingDouble(Row::pNegative)
                  .reversed()
                  .thenComparing(Comparator.comparing(Row::time).reversed());
        };
    return rows.stream().sorted(order).limit(f.limit()).toList();
  }

  private static Predicate<Row> matches(Filter f) {
    String ticker = f.ticker() == null ? null : f.ticker().trim().toUpperCase(Locale.ROOT);
    String text = f.text() == null ? null : f.text().trim().toLowerCase(Locale.ROOT);
    return row ->
        (ticker == null || row.tickers().contains(ticker))
            && (f.source() == null || row.source().equals(f.source()))
            && (text == null || row.title().toLowerCase(Locale.ROOT).contains(text));
  }

  /**
   * The article with this id written in [{@code from}, {@code to}), if any (a scan of that range:
   * the id is a field, not a tag).
   */
  public Optional<Row> find(String articleId, Instant from, Instant to) {
    Map<String, Row> found = findAll(Set.of(articleId), from, to);
    return Optional.ofNullable(found.get(articleId));
  }

  /**
   * The articles with these ids written in [{@code from}, {@code to}), by id. The ids are matched
   * by InfluxDB (the id is a field: a scan of the range there, not a transfer of it), in chunks of
   * {@value #IDS_PER_QUERY}; ids are quoted as InfluxQL literals, never spliced raw.
   */
  public Map<String, Row> findAll(Set<String> articleIds, Instant from, Instant to) {
    Map<String, Row> out = new HashMap<>();
    List<String> ids = new ArrayList<>(articleIds);
    for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY));
      String q =
          "SELECT * FROM "
              + InfluxQl.identifier(Article.MEASUREMENT)
              + " WHERE time >= "
              + InfluxQl.time(from)
              + " AND time < "
              + InfluxQl.time(to)
              + " AND ("
              + String.join(
                  " OR ",
                  chunk.stream()
                      .map(
                          id ->
                              InfluxQl.identifier(Article.FIELD_ARTICLE_ID)
                                  + " = "
                                  + InfluxQl.literal(id))
                      .toList())
              + ")";
      for (QueryResult.Result r : store.query(q).getResults()) {
        if (r.getSeries() == null) {
          continue;
        }
        for (QueryResult.Series s : r.getSeries()) {
          for (List<Object> values : s.getValues()) {
            Row row = row(InfluxRows.of(s, values));
            if (articleIds.contains(row.articleId())) {
              out.merge(row.articleId(), row, (a, b) -> a.time().isAfter(b.time()) ? a : b);
            }
          }
        }
      }
    }
    return out;
  }

  private static Row row(InfluxRows v) {
    String tickers = v.text(Article.FIELD_TICKERS);
    String modelId = v.optionalText(Article.FIELD_MODEL_ID);
    String title = v.text(Article.FIELD_TITLE);
    return new Row(
        v.time(),
        v.text(Article.FIELD_ARTICLE_ID),
        v.tag(Article.TAG_TOPIC),
        Sentiment.fromLabel(v.tag(Article.TAG_SENTIMENT)),
        title,
        v.optionalText(Article.FIELD_URL),
        v.text(Article.FIELD_SOURCE),
        tickers.isEmpty() ? List.of() : Arrays.asList(tickers.split(",")),
        v.number(Article.FIELD_SCORE),
        v.number(Article.FIELD_P_NEGATIVE),
        v.number(Article.FIELD_P_NEUTRAL),
        v.number(Article.FIELD_P_POSITIVE),
        modelId == null ? "" : modelId,
        tickerSentiment(v.optionalText(Article.FIELD_TICKER_SENTIMENT)),
        LabelFeedback.textHash(title));
  }

  private static Map<String, Sentiment> tickerSentiment(@Nullable String field) {
    Map<String, Sentiment> out = new TreeMap<>();
    if (field == null || field.isBlank()) {
      return out;
    }
    for (String pair : field.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), Sentiment.fromLabel(pair.substring(eq + 1)));
      }
    }
    return out;
  }
}
