package com.finpulse.alerts.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxSchema.Article;
import com.finpulse.common.influx.InfluxSchema.Trend;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.embedded.junit.InfluxdExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's reads of trends and articles, against a real influxd, as the processor writes. */
class InfluxReadersIT {

  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final String QUOTED = "Banks' \"woes\" \\ oil";

  @Test
  void trendsAndArticlesAreReadBackFilteredAndQuotedSafely() throws Exception {
    InfluxSettings settings = new InfluxSettings(INFLUX.url(), "readers_it", null, null, null);
    try (InfluxStore store = new InfluxStore(settings)) {
      store.ensureDatabase(Duration.ofSeconds(20));
      store.writeUntilAccepted(
          List.of(
              trend(QUOTED, T0, 10, 8),
              trend(QUOTED, T0.plusSeconds(60), 4, 1),
              trend("Energy | Oil", T0, 3, 0),
              article(
                  "a1", QUOTED, Sentiment.NEGATIVE, "<script>x</script> Bank fails", "BNK", 0.9),
              article("a2", QUOTED, Sentiment.NEUTRAL, "Bank holds rates", "BNK,ACME", 0.1),
              article("a3", "Energy | Oil", Sentiment.NEGATIVE, "Oil slides", "", 0.7)),
          () -> true);

      TrendReader trends = new TrendReader(store);
      var all =
          trends.read(
              KeyKind.TOPIC, null, TrendWindow.ONE_MINUTE, T0.minusSeconds(1), T0.plusSeconds(600));
      assertThat(all).extracting(TrendReader.Series::key).containsExactly(QUOTED, "Energy | Oil");
      var one =
          trends.read(
              KeyKind.TOPIC,
              QUOTED,
              TrendWindow.ONE_MINUTE,
              T0.minusSeconds(1),
              T0.plusSeconds(600));
      assertThat(one).hasSize(1);
      assertThat(one.get(0).points())
          .extracting(TrendReader.Sample::time, TrendReader.Sample::count)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(T0, 10L),
              org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(60), 4L));
      assertThat(one.get(0).points().get(0).negativeShare()).isEqualTo(0.8);

      ArticleReader articles = new ArticleReader(store);
      assertThat(read(articles, QUOTED, null, null, null, ArticleReader.Order.LATEST))
          .extracting(ArticleReader.Row::articleId)
          .containsExactly("a2", "a1");
      assertThat(read(articles, null, "acme", null, null, ArticleReader.Order.LATEST))
          .extracting(ArticleReader.Row::articleId)
          .containsExactly("a2");
      assertThat(
              read(
                  articles,
                  null,
                  null,
                  Sentiment.NEGATIVE,
                  null,
                  ArticleReader.Order.MOST_NEGATIVE))
          .extracting(ArticleReader.Row::articleId)
          .containsExactly("a1", "a3");
      List<ArticleReader.Row> scripted =
          read(articles, null, null, null, "<SCRIPT>", ArticleReader.Order.LATEST);
      assertThat(scripted)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.title()).isEqualTo("<script>x</script> Bank fails");
                assertThat(r.tickers()).containsExactly("BNK");
                assertThat(r.url()).isEqualTo("https://example.com/a1");
              });
    }
  }

  private static List<ArticleReader.Row> read(
      ArticleReader reader,
      String topic,
      String ticker,
      Sentiment sentiment,
      String text,
      ArticleReader.Order order) {
    return reader.read(
        new ArticleReader.Filter(
            topic,
            ticker,
            sentiment,
            null,
            text,
            T0.minusSeconds(1),
            T0.plusSeconds(600),
            order,
            50));
  }

  private static Point trend(String key, Instant start, long count, long negative) {
    return Point.measurement(Trend.MEASUREMENT)
        .time(start.toEpochMilli(), TimeUnit.MILLISECONDS)
        .tag(Trend.TAG_KEY_KIND, KeyKind.TOPIC.label())
        .tag(Trend.TAG_KEY, key)
        .tag(Trend.TAG_WINDOW, TrendWindow.ONE_MINUTE.label())
        .addField(Trend.FIELD_COUNT, count)
        .addField(Trend.FIELD_NEGATIVE, negative)
        .addField(Trend.FIELD_MEAN_SCORE, -0.5)
        .addField(Trend.FIELD_NEGATIVE_SHARE, (double) negative / count)
        .addField(Trend.FIELD_NOVEL_COUNT, count)
        .addField(Trend.FIELD_NOVEL_NEGATIVE, negative)
        .build();
  }

  private static Point article(
      String id, String topic, Sentiment s, String title, String tickers, double pNegative) {
    int n = Integer.parseInt(id.substring(1));
    return Point.measurement(Article.MEASUREMENT)
        .time(Article.timestampNanos(T0.plusSeconds(n), id), TimeUnit.NANOSECONDS)
        .tag(Article.TAG_TOPIC, topic)
        .tag(Article.TAG_SENTIMENT, s.label())
        .addField(Article.FIELD_ARTICLE_ID, id)
        .addField(Article.FIELD_TITLE, title)
        .addField(Article.FIELD_URL, "https://example.com/" + id)
        .addField(Article.FIELD_SOURCE, "wire")
        .addField(Article.FIELD_TICKERS, tickers)
        .addField(Article.FIELD_SCORE, -pNegative)
        .addField(Article.FIELD_P_NEGATIVE, pNegative)
        .addField(Article.FIELD_P_NEUTRAL, 1 - pNegative)
        .addField(Article.FIELD_P_POSITIVE, 0.0)
        .addField(Article.FIELD_TOPIC_CONFIDENCE, 0.9)
        .build();
  }
}
