package com.finpulse.processor.topology;

import static com.finpulse.processor.testing.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.TrendSettings;
import com.finpulse.processor.testing.Articles;
import com.finpulse.processor.testing.DeterministicClassifier;
import com.finpulse.processor.testing.TestConfigs;
import com.finpulse.processor.testing.TrendRecomputation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProcessorTopologyTest {

  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  static final Duration MAX_DELAY = Duration.ofMillis(500);
  static final Duration GRACE = Duration.ofMinutes(2);

  TopologyHarness h;

  @BeforeEach
  void start() throws Exception {
    ProcessorConfig config =
        TestConfigs.shipped()
            .withScoring(TestConfigs.scoring(4, MAX_DELAY, 16))
            .withTrends(
                new TrendSettings(
                    List.of(TrendWindow.ONE_MINUTE, TrendWindow.FIVE_MINUTES, TrendWindow.ONE_HOUR),
                    GRACE));
    h = new TopologyHarness(config, new DeterministicClassifier());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  double dlqCount(String stage) {
    return h
        .metrics
        .registry()
        .find(MeterNames.PROCESSOR_DLQ)
        .tag("stage", stage)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  @Nested
  class DeadLetters {

    @Test
    void garbageBytesGoToTheDeadLetterTopicUnchangedWithTheReason() throws Exception {
      byte[] garbage = {(byte) 0xff, 0x00, (byte) 0xfe, 'x', '{'};
      byte[] key = "not-an-id".getBytes(StandardCharsets.UTF_8);
      h.pipe(key, garbage, T0);
      h.scoreEverything();

      TestRecord<byte[], byte[]> dead = h.dlq.readRecord();
      assertThat(dead.value()).isEqualTo(garbage);
      assertThat(dead.key()).isEqualTo(key);
      assertThat(header(dead.headers(), HeaderNames.DLQ_STAGE)).isEqualTo("validate");
      assertThat(header(dead.headers(), HeaderNames.DLQ_ERROR))
          .startsWith("NewsArticle: not valid JSON");
      assertThat(header(dead.headers(), HeaderNames.DLQ_ORIGIN)).isEqualTo("news.raw-0@0");
      assertThat(header(dead.headers(), HeaderNames.DLQ_EXCEPTION)).endsWith("SchemaException");
      assertThat(dead.headers().lastHeader(HeaderNames.DLQ_ORIGINAL_VALUE).value())
          .isEqualTo(garbage);
      assertThat(dead.headers().lastHeader(HeaderNames.DLQ_ORIGINAL_KEY).value()).isEqualTo(key);
      assertThat(h.scored.isEmpty()).isTrue();
      assertThat(h.classifier.callSizes()).isEmpty();
      assertThat(dlqCount("validate")).isEqualTo(1);
    }

    @Test
    void missingFieldsAreNamedAndTheNextArticleStillFlows() throws Exception {
      String json =
          "{\"id\":\"0123456789abcdef0123456789abcdef\",\"source\":\"wire\","
              + "\"tickers\":[],\"fingerprint\":\"0123456789abcdef\"}";
      h.pipe(
          "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
          json.getBytes(StandardCharsets.UTF_8),
          T0);
      NewsArticle good = article("Fed holds rates steady", T0);
      h.pipe(good);
      h.scoreEverything();

      TestRecord<byte[], byte[]> dead = h.dlq.readRecord();
      assertThat(header(dead.headers(), HeaderNames.DLQ_ERROR))
          .isEqualTo("NewsArticle: missing required field(s): title, fetched_at");
      assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(json);
      assertThat(h.scoredArticles())
          .extracting(ScoredArticle::articleId)
          .containsExactly(good.id());
    }

    @Test
    void articlesBreakingTheRulesAreDeadLetteredWithEveryReason() throws Exception {
      NewsArticle ok = article("Acme misses estimates", T0, "ACME");
      // Key is not the id: would defeat partitioning and dedup.
      h.pipe("other-key".getBytes(StandardCharsets.UTF_8), Articles.json(ok), ok.fetchedAt());
      // A fetch time far ahead of the record's clock would push the windows into the future.
      NewsArticle future = article("Acme soars", T0, T0.plus(Duration.ofDays(2)), "wire", "ACME");
      h.pipe(Articles.key(future), Articles.json(future), T0);
      // Fingerprint not in ContentFingerprint's format, blank title.
      NewsArticle broken =
          new NewsArticle(
              "0123456789abcdef0123456789abcdef",
              "wire",
              null,
              "  ",
              null,
              T0,
              T0,
              null,
              List.of(),
              null,
              "XYZ");
      h.pipe(Articles.key(broken), Articles.json(broken), T0);
      // A tombstone.
      h.pipe(Articles.key(ok), null, T0);
      h.scoreEverything();

      List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
      assertThat(dead).hasSize(4);
      assertThat(header(dead.get(0).headers(), HeaderNames.DLQ_ERROR))
          .contains("record key 'other-key' is not the article id");
      assertThat(header(dead.get(1).headers(), HeaderNames.DLQ_ERROR))
          .contains("fetched_at 2026-03-04T10:00:00Z is after the record's timestamp");
      assertThat(header(dead.get(2).headers(), HeaderNames.DLQ_ERROR))
          .contains("title is blank")
          .contains("fingerprint must be 16 lower-case hex characters, got 'XYZ'");
      assertThat(header(dead.get(2).headers(), HeaderNames.DLQ_EXCEPTION))
          .endsWith("InvalidArticleException");
      assertThat(header(dead.get(3).headers(), HeaderNames.DLQ_ERROR)).contains("tombstone");
      assertThat(dead.get(3).value()).isNull();
      assertThat(h.scored.isEmpty()).isTrue();
    }

    @Test
    void aTextTheModelCannotScoreIsDeadLetteredAloneAndItsIdForgotten() throws Exception {
      NewsArticle poison = article("Acme " + DeterministicClassifier.POISON + " deal", T0);
      NewsArticle a = article("Acme beats estimates", T0.plusSeconds(1));
      NewsArticle b = article("Globex misses estimates", T0.plusSeconds(2));
      h.pipe(a);
      h.pipe(poison);
      h.pipe(b);
      h.scoreEverything();

      assertThat(h.scoredArticles())
          .extracting(ScoredArticle::articleId)
          .containsExactly(a.id(), b.id());
      TestRecord<byte[], byte[]> dead = h.dlq.readRecord();
      assertThat(dead.value()).isEqualTo(Articles.json(poison));
      assertThat(header(dead.headers(), HeaderNames.DLQ_STAGE)).isEqualTo("score");
      assertThat(header(dead.headers(), HeaderNames.DLQ_ERROR)).contains("cannot tokenize");
      assertThat(header(dead.headers(), HeaderNames.DLQ_ORIGIN)).isEqualTo("news.raw-0@1");

      // Replaying the dead letter is not mistaken for a duplicate: it reaches the model again.
      h.pipe(poison);
      h.scoreEverything();
      assertThat(h.dlq.readRecordsToList()).hasSize(1);
      assertThat(dlqCount("score")).isEqualTo(2);
    }
  }

  @Nested
  class Dedup {

    @Test
    void anIdSeenWithinTheRetentionIsDroppedAndAcceptedAgainAfterIt() throws Exception {
      NewsArticle a = article("Acme soars on record orders", T0);
      h.pipe(a);
      h.pipe(a);
      // The same URL fetched again the next day: same id, later fetch time.
      NewsArticle refetched =
          new NewsArticle(
              a.id(),
              a.source(),
              a.url(),
              a.title(),
              a.body(),
              a.publishedAt(),
              a.fetchedAt().plus(Duration.ofDays(1)),
              a.language(),
              a.tickers(),
              a.author(),
              a.fingerprint());
      h.pipe(refetched);
      h.scoreEverything();
      assertThat(h.scoredArticles()).hasSize(1);
      assertThat(MeterRegistries.count(h.metrics.registry(), MeterNames.PROCESSOR_DUPLICATES))
          .isEqualTo(2);

      // Beyond the retention (7 days by default) the id is new again.
      NewsArticle muchLater =
          new NewsArticle(
              a.id(),
              a.source(),
              a.url(),
              a.title(),
              a.body(),
              a.publishedAt(),
              a.fetchedAt().plus(Duration.ofDays(9)),
              a.language(),
              a.tickers(),
              a.author(),
              a.fingerprint());
      h.pipe(muchLater);
      h.scoreEverything();
      assertThat(h.scoredArticles()).hasSize(1);
    }
  }

  @Nested
  class Batching {

    @Test
    void aFullBatchGoesToTheModelWithoutWaitingForTheDelay() throws Exception {
      for (int i = 0; i < 8; i++) {
        h.pipe(article("Story number " + i, T0.plusSeconds(i)));
      }
      h.awaitModel();
      assertThat(h.classifier.callSizes()).containsExactly(4, 4);
      h.tick(Duration.ofMillis(20));
      assertThat(h.scoredArticles()).hasSize(8);
    }

    @Test
    void aPartialBatchGoesAtOnceWhenTheModelHasRoom() throws Exception {
      for (int i = 0; i < 3; i++) {
        h.pipe(article("Story number " + i, T0.plusSeconds(i)));
      }
      h.awaitModel();
      assertThat(h.classifier.callSizes()).isEmpty();
      h.tick(Duration.ofMillis(10));
      h.awaitModel();
      assertThat(h.classifier.callSizes()).containsExactly(3);
      h.tick(Duration.ofMillis(20));
      assertThat(h.scoredArticles()).hasSize(3);
    }

    @Test
    void whileTheModelIsBusyAPartialBatchWaitsAtMostTheMaximumDelay() throws Exception {
      h.close();
      DeterministicClassifier gated = new DeterministicClassifier().gated();
      h = new TopologyHarness(h.config, gated);
      for (int i = 0; i < 8; i++) { // one batch inside the model, a full one queued behind it
        h.pipe(article("Story number " + i, T0.plusSeconds(i)));
      }
      gated.awaitCallsStarted(1);
      h.pipe(article("Straggler one", T0.plusSeconds(20)));
      h.pipe(article("Straggler two", T0.plusSeconds(21)));
      h.tick(MAX_DELAY.minusMillis(60));
      assertThat(h.worker.queuedArticles())
          .describedAs("the next call is full: the stragglers wait in the buffer")
          .isEqualTo(4);
      h.tick(Duration.ofMillis(60));
      assertThat(h.worker.queuedArticles())
          .describedAs("after the maximum delay they go anyway")
          .isEqualTo(6);
      gated.release(3);
      h.awaitModel();
      assertThat(gated.callSizes()).containsExactly(4, 4, 2);
      h.tick(Duration.ofMillis(20));
      assertThat(h.scoredArticles()).hasSize(10);
    }

    @Test
    void theScoredArticleCarriesTheVerdictAndTheBoundedEventTime() throws Exception {
      // Published "after" it was fetched (a future-dated page): event time is the fetch time.
      NewsArticle a =
          article(
              "Acme profit slump",
              T0.plusSeconds(600),
              T0.plusSeconds(30),
              "wire",
              "ACME",
              "GLOBX");
      h.pipe(a);
      h.scoreEverything();
      ScoredArticle s = h.scored.readRecord().value();
      var expected = DeterministicClassifier.predict(a.textForModel());
      assertThat(s.articleId()).isEqualTo(a.id());
      assertThat(s.eventTime()).isEqualTo(T0.plusSeconds(30));
      assertThat(s.sentiment()).isEqualTo(Sentiment.NEGATIVE).isEqualTo(expected.sentiment());
      assertThat(s.sentimentScore()).isEqualTo(expected.sentimentScore());
      assertThat(s.topic()).isEqualTo("earnings");
      assertThat(s.tickers()).containsExactly("ACME", "GLOBX");
      assertThat(s.tickerSentiment()).containsOnlyKeys("ACME", "GLOBX");
      assertThat(s.modelId()).isEqualTo(DeterministicClassifier.MODEL_ID);
      assertThat(s.scoredAt()).isAfter(TopologyHarness.WALL_CLOCK_START);
    }
  }

  @Nested
  class Trends {

    List<TrendPoint> points(KeyKind kind, String key, TrendWindow window) {
      return pointsWhere(p -> p.keyKind() == kind && p.key().equals(key) && p.window() == window);
    }

    List<TrendPoint> all = new ArrayList<>();

    List<TrendPoint> pointsWhere(Predicate<TrendPoint> filter) {
      all.addAll(h.trends.readValuesToList());
      return all.stream().filter(filter).toList();
    }

    TrendPoint latest(KeyKind kind, String key, TrendWindow window, Instant start) {
      List<TrendPoint> ps =
          points(kind, key, window).stream().filter(p -> p.windowStart().equals(start)).toList();
      assertThat(ps).describedAs("points of %s:%s:%s@%s", kind, key, window, start).isNotEmpty();
      return ps.get(ps.size() - 1);
    }

    void score(NewsArticle... articles) throws Exception {
      for (NewsArticle a : articles) {
        h.pipe(a);
      }
      h.scoreEverything();
    }

    @Test
    void articlesLandInTheWindowsOfTheirEventTime() throws Exception {
      score(
          article("First", T0.plusSeconds(30)),
          article("Second", T0.plusMillis(59_999)),
          article("Third", T0.plusSeconds(60)));
      assertThat(latest(KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE, T0).count()).isEqualTo(2);
      assertThat(latest(KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE, T0.plusSeconds(60)).count())
          .isEqualTo(1);
      TrendPoint fiveMinutes = latest(KeyKind.MARKET, "all", TrendWindow.FIVE_MINUTES, T0);
      assertThat(fiveMinutes.count()).isEqualTo(3);
      assertThat(fiveMinutes.windowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
      assertThat(latest(KeyKind.MARKET, "all", TrendWindow.ONE_HOUR, T0).count()).isEqualTo(3);
    }

    @Test
    void everyUpdateIsEmittedNotOnlyTheWindowClose() throws Exception {
      score(article("Acme soars", T0.plusSeconds(1), "ACME"));
      assertThat(points(KeyKind.TICKER, "ACME", TrendWindow.ONE_HOUR))
          .extracting(TrendPoint::count)
          .containsExactly(1L);
      score(article("Acme misses estimates", T0.plusSeconds(2), "ACME"));
      assertThat(points(KeyKind.TICKER, "ACME", TrendWindow.ONE_HOUR))
          .extracting(TrendPoint::count)
          .containsExactly(1L, 2L);
      TrendPoint p = latest(KeyKind.TICKER, "ACME", TrendWindow.ONE_HOUR, T0);
      assertThat(p.positiveCount()).isEqualTo(1);
      assertThat(p.negativeCount()).isEqualTo(1);
      assertThat(p.negativeShare()).isEqualTo(0.5);
      assertThat(p.recordKey()).isEqualTo("ticker:ACME:1h");
    }

    @Test
    void lateArticlesCountWithinTheGraceAndAreMeteredAfterIt() throws Exception {
      score(article("A", T0.plusSeconds(30)));
      // Stream time 10:02:20: the 10:00 minute closes at 10:01 + 2 min grace = 10:03.
      score(article("B", T0.plusSeconds(140)));
      score(article("C, late but within grace", T0.plusSeconds(40)));
      assertThat(latest(KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE, T0).count()).isEqualTo(2);

      // Stream time 10:03:30: the 10:00 minute is closed; the 5-minute window is still open.
      score(article("D", T0.plusSeconds(210)));
      int oneMinuteUpdates = points(KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE).size();
      score(article("E, too late for its minute", T0.plusSeconds(50)));
      assertThat(points(KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE)).hasSize(oneMinuteUpdates);
      assertThat(latest(KeyKind.MARKET, "all", TrendWindow.ONE_MINUTE, T0).count()).isEqualTo(2);
      assertThat(latest(KeyKind.MARKET, "all", TrendWindow.FIVE_MINUTES, T0).count()).isEqualTo(5);
      // Per key (market, topic) and per window: the minute windows of both keys missed it.
      assertThat(
              h.metrics
                  .registry()
                  .find(MeterNames.PROCESSOR_LATE)
                  .tag("window", "1m")
                  .counter()
                  .count())
          .isEqualTo(2);
      assertThat(h.metrics.registry().find(MeterNames.PROCESSOR_LATE).tag("window", "5m").counter())
          .isNull();
    }

    @Test
    void nearDuplicateStoriesCountOnceInTheNoveltyCounts() throws Exception {
      score(
          article("Acme Corp shares slump 12% after profit warning", T0.plusSeconds(1), "ACME"),
          // Syndicated copy: different case and punctuation, other source, same story.
          article(
              "ACME CORP SHARES SLUMP 12% AFTER PROFIT WARNING!",
              T0.plusSeconds(2), T0.plusSeconds(40), "other-wire", "ACME"),
          article("Globex plunges on fraud probe", T0.plusSeconds(3), "ACME"),
          article("Acme soars on takeover bid", T0.plusSeconds(4), "ACME"));
      TrendPoint p = latest(KeyKind.TICKER, "ACME", TrendWindow.FIVE_MINUTES, T0);
      assertThat(p.count()).isEqualTo(4);
      assertThat(p.negativeCount()).isEqualTo(3);
      assertThat(p.novelCount()).isEqualTo(3);
      assertThat(p.novelNegativeCount()).isEqualTo(2);
    }

    @Test
    void eachTickerCountsTheSentimentTowardItNotTheArticles() throws Exception {
      score(article("Acme soars while Globex plunges", T0.plusSeconds(1), "ACME", "GLOBX"));
      TrendPoint acme = latest(KeyKind.TICKER, "ACME", TrendWindow.ONE_HOUR, T0);
      TrendPoint globex = latest(KeyKind.TICKER, "GLOBX", TrendWindow.ONE_HOUR, T0);
      assertThat(acme.positiveCount()).isEqualTo(1);
      assertThat(acme.negativeCount()).isZero();
      assertThat(globex.negativeCount()).isEqualTo(1);
      assertThat(globex.novelNegativeCount()).isEqualTo(1);
      assertThat(acme.meanScore()).isPositive();
      assertThat(globex.meanScore()).isNegative();
    }

    @Test
    void theMarketKeyCountsEveryArticleOnceAndTickersEachTheirOwn() throws Exception {
      score(
          article("Acme beats earnings estimates", T0.plusSeconds(1), "ACME", "GLOBX"),
          article("Fed raises rates, markets fall", T0.plusSeconds(2)),
          article("Globex announces merger deal", T0.plusSeconds(3), "GLOBX"));
      assertThat(latest(KeyKind.MARKET, "all", TrendWindow.ONE_HOUR, T0).count()).isEqualTo(3);
      assertThat(latest(KeyKind.TICKER, "ACME", TrendWindow.ONE_HOUR, T0).count()).isEqualTo(1);
      assertThat(latest(KeyKind.TICKER, "GLOBX", TrendWindow.ONE_HOUR, T0).count()).isEqualTo(2);
      assertThat(latest(KeyKind.TOPIC, "earnings", TrendWindow.ONE_HOUR, T0).count()).isEqualTo(1);
      assertThat(latest(KeyKind.TOPIC, "macro", TrendWindow.ONE_HOUR, T0).count()).isEqualTo(1);
      assertThat(latest(KeyKind.TOPIC, "m&a", TrendWindow.ONE_HOUR, T0).count()).isEqualTo(1);
    }

    @Test
    void theTrendsEqualARecomputationFromTheScoredArticles() throws Exception {
      List<NewsArticle> input = new ArrayList<>();
      String[] words = {"soars", "slump", "holds", "beats", "misses", "plunge", "record"};
      for (int i = 0; i < 24; i++) {
        input.add(
            article(
                "Company " + (i % 9) + " " + words[i % words.length] + " story " + (i % 13),
                T0.plusSeconds(i * 17L),
                i % 2 == 0 ? "ACME" : "GLOBX"));
      }
      score(input.toArray(NewsArticle[]::new));
      List<ScoredArticle> scored = h.scoredArticles();
      assertThat(scored).hasSize(24);
      Map<String, TrendRecomputation.Expected> expected =
          TrendRecomputation.of(scored, h.config.trends().windows());
      Map<String, TrendRecomputation.Expected> actual =
          TrendRecomputation.latest(pointsWhere(p -> true));
      assertThat(actual.keySet()).isEqualTo(expected.keySet());
      expected.forEach(
          (k, e) ->
              assertThat(actual.get(k).matches(e))
                  .describedAs("%s: %s vs %s", k, actual.get(k), e)
                  .isTrue());
    }
  }
}
