package com.finpulse.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import com.finpulse.common.event.ModelServing;
import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.event.ShadowComparison;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

  static NewsArticle article() {
    return new NewsArticle(
        "0123456789abcdef0123456789abcdef",
        "reuters-markets",
        "https://example.com/a",
        "Acme shares slump after profit warning",
        "Acme Corp cut its outlook on Tuesday.",
        Instant.parse("2026-11-20T10:15:30Z"),
        Instant.parse("2026-11-20T10:16:00Z"),
        "en",
        List.of("ACME"),
        null,
        "00ff00ff00ff00ff");
  }

  @Test
  void newsArticleRoundTripsWithVersionAndSnakeCase() {
    EventSerde<NewsArticle> serde = EventSerdes.newsArticle();
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = serde.serialize("news.raw", headers, article());
    String json = new String(bytes, StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"published_at\":\"2026-11-20T10:15:30Z\"")
        .contains("\"schema_version\":1");
    assertThat(new String(headers.lastHeader(HeaderNames.SCHEMA).value(), StandardCharsets.UTF_8))
        .isEqualTo("NewsArticle/1");
    assertThat(serde.deserialize("news.raw", bytes)).isEqualTo(article());
  }

  @Test
  void scoredArticleAndTrendPointRoundTrip() {
    ScoredArticle scored =
        new ScoredArticle(
            "id1",
            "src",
            null,
            "t",
            Instant.EPOCH,
            Instant.EPOCH,
            Instant.EPOCH,
            List.of(),
            "00",
            Sentiment.NEGATIVE,
            new SentimentScores(0.7, 0.2, 0.1),
            -0.6,
            "Earnings",
            Map.of("Earnings", 0.9, "Macro", 0.1),
            "m1",
            Instant.EPOCH,
            Map.of("ACME", new SentimentScores(0.1, 0.2, 0.7)));
    assertThat(EventSerdes.scoredArticle().read(EventSerdes.scoredArticle().serialize("t", scored)))
        .isEqualTo(scored);
    assertThat(
            new String(EventSerdes.scoredArticle().serialize("t", scored), StandardCharsets.UTF_8))
        .contains("\"schema_version\":2")
        .contains("\"ticker_sentiment\":{\"ACME\":{\"negative\":0.1");
    assertThat(
            new String(EventSerdes.scoredArticle().serialize("t", scored), StandardCharsets.UTF_8))
        .contains("\"sentiment\":\"negative\"");

    TrendPoint point =
        new TrendPoint(
            KeyKind.TOPIC,
            "Earnings",
            TrendWindow.FIVE_MINUTES,
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(300),
            1,
            2,
            3,
            6,
            0.1,
            1 / 6.0,
            5,
            1,
            Instant.EPOCH);
    String json =
        new String(EventSerdes.trendPoint().serialize("t", point), StandardCharsets.UTF_8);
    assertThat(json).contains("\"window\":\"5m\"").contains("\"key_kind\":\"topic\"");
    assertThat(EventSerdes.trendPoint().read(json)).isEqualTo(point);
  }

  @Test
  void theModelLoopEventsRoundTrip() {
    Instant at = Instant.parse("2026-12-04T10:00:00Z");
    LabelFeedback feedback =
        new LabelFeedback(
            "a1",
            LabelTask.ENTITY,
            "ACME",
            "positive",
            "negative",
            "default@abc",
            LabelFeedback.textHash("Acme beats"),
            "ana",
            null,
            at);
    RecordHeaders h = new RecordHeaders();
    byte[] bytes = EventSerdes.labelFeedback().serialize(Topics.LABELS_FEEDBACK, h, feedback);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"task\":\"entity\"")
        .contains("\"text_hash\":\"" + LabelFeedback.textHash("Acme beats") + "\"");
    assertThat(EventSerdes.labelFeedback().deserialize(Topics.LABELS_FEEDBACK, bytes))
        .isEqualTo(feedback);
    assertThat(feedback.recordKey()).isEqualTo("a1|entity|ACME");
    assertThat(LabelFeedback.textHash("Acme beats"))
        .hasSize(64)
        .isNotEqualTo(LabelFeedback.textHash("Acme beats."));

    ModelServing serving =
        new ModelServing("v2", "v3", 0.1, ModelServing.Action.SHADOW_START, "ana", null, at);
    byte[] s =
        EventSerdes.modelServing().serialize(Topics.MODELS_SERVING, new RecordHeaders(), serving);
    assertThat(new String(s, StandardCharsets.UTF_8)).contains("\"action\":\"shadow_start\"");
    assertThat(EventSerdes.modelServing().deserialize(Topics.MODELS_SERVING, s)).isEqualTo(serving);

    ModelStatus status = new ModelStatus("p1", "v2@abc", "v2", null, "v3", "no such version", at);
    assertThat(
            EventSerdes.modelStatus()
                .deserialize(
                    Topics.MODELS_STATUS,
                    EventSerdes.modelStatus()
                        .serialize(Topics.MODELS_STATUS, new RecordHeaders(), status)))
        .isEqualTo(status);

    ShadowComparison c =
        new ShadowComparison(
            "a1",
            "Acme beats",
            "v2@abc",
            Sentiment.POSITIVE,
            "Earnings",
            "v3@def",
            Sentiment.NEUTRAL,
            "Earnings",
            at);
    assertThat(
            EventSerdes.shadowComparison()
                .deserialize(
                    Topics.MODELS_SHADOW,
                    EventSerdes.shadowComparison()
                        .serialize(Topics.MODELS_SHADOW, new RecordHeaders(), c)))
        .isEqualTo(c);
    assertThat(c.sentimentAgrees()).isFalse();
    assertThat(c.topicAgrees()).isTrue();
  }

  @Test
  void aVersionOneScoredArticleReadsWithoutPerTickerSentiment() {
    String v1 =
        """
        {"schema_version":1,"article_id":"a","source":"s","url":null,"title":"Acme beats",
         "published_at":null,"fetched_at":"2024-01-01T00:00:00Z",
         "event_time":"2024-01-01T00:00:00Z","tickers":["ACME"],"fingerprint":"00",
         "sentiment":"positive",
         "sentiment_probabilities":{"negative":0.1,"neutral":0.2,"positive":0.7},
         "sentiment_score":0.6,"topic":"Earnings","topic_probabilities":{"Earnings":1.0},
         "model_id":"default@abc","scored_at":"2024-01-01T00:00:01Z"}
        """;
    ScoredArticle a = EventSerdes.scoredArticle().read(v1);
    assertThat(a.tickerSentiment()).isEmpty();
    assertThat(a.sentimentToward("ACME")).isEqualTo(new SentimentScores(0.1, 0.2, 0.7));
  }

  @Test
  void unknownFieldsAreTolerated() {
    String json =
        "{\"id\":\"x\",\"source\":\"s\",\"title\":\"T\",\"fetched_at\":\"2026-01-01T00:00:00Z\","
            + "\"fingerprint\":\"00\",\"added_in_v7\":{\"a\":1},\"schema_version\":7}";
    NewsArticle a = EventSerdes.newsArticle().read(json);
    assertThat(a.title()).isEqualTo("T");
    assertThat(a.tickers()).isEmpty();
    assertThat(a.url()).isNull();
  }

  @Test
  void missingRequiredFieldsAreAllNamed() {
    String json = "{\"id\":\"x\",\"source\":\"s\",\"url\":null}";
    assertThatThrownBy(() -> EventSerdes.newsArticle().read(json))
        .isInstanceOf(SchemaException.class)
        .hasMessage("NewsArticle: missing required field(s): title, fetched_at, fingerprint");
  }

  @Test
  void anEmptyStringIsNoValueForARequiredTimeEnumOrNumber() {
    // Found by EventSerdesFuzzTest: "" was read as a null fetch time, which then could not be
    // written and read back.
    String json =
        "{\"id\":\"x\",\"source\":\"s\",\"title\":\"\",\"fetched_at\":\"\","
            + "\"tickers\":[],\"fingerprint\":\"00\"}";
    assertThatThrownBy(() -> EventSerdes.newsArticle().read(json))
        .isInstanceOf(SchemaException.class)
        .hasMessage("NewsArticle: missing required field(s): fetched_at");
  }

  @Test
  void missingNestedRequiredFieldIsNamedWithItsPath() {
    String json =
        "{\"article_id\":\"a\",\"source\":\"s\",\"title\":\"t\",\"fetched_at\":\"2026-01-01T00:00:00Z\","
            + "\"event_time\":\"2026-01-01T00:00:00Z\",\"fingerprint\":\"0\",\"sentiment\":\"negative\","
            + "\"sentiment_probabilities\":{\"negative\":0.5,\"positive\":0.2},\"sentiment_score\":-0.3,"
            + "\"topic\":\"Macro\",\"model_id\":\"m\",\"scored_at\":\"2026-01-01T00:00:00Z\"}";
    assertThatThrownBy(() -> EventSerdes.scoredArticle().read(json))
        .hasMessage("ScoredArticle: missing required field(s): sentiment_probabilities.neutral");
  }

  @Test
  void malformedJsonAndWrongTypesGiveSchemaErrors() {
    assertThatThrownBy(() -> EventSerdes.newsArticle().read("{not json"))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("NewsArticle: not valid JSON");
    assertThatThrownBy(() -> EventSerdes.newsArticle().read("[1,2]"))
        .hasMessage("NewsArticle: expected a JSON object");
    String badTime =
        "{\"id\":\"x\",\"source\":\"s\",\"title\":\"T\",\"fetched_at\":\"yesterday\",\"fingerprint\":\"0\"}";
    assertThatThrownBy(() -> EventSerdes.newsArticle().read(badTime))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("fetched_at");
    assertThatThrownBy(
            () ->
                EventSerdes.scoredArticle()
                    .read("{\"sentiment\":\"furious\"}".replace("}", ",\"x\":1}")))
        .isInstanceOf(SchemaException.class);
  }

  @Test
  void eventTimeIsPublishTimeBoundedByFetchTime() {
    NewsArticle a = article();
    assertThat(a.eventTime()).isEqualTo(a.publishedAt());
    NewsArticle future =
        new NewsArticle(
            a.id(),
            a.source(),
            a.url(),
            a.title(),
            a.body(),
            a.fetchedAt().plusSeconds(3600),
            a.fetchedAt(),
            a.language(),
            a.tickers(),
            null,
            a.fingerprint());
    assertThat(future.eventTime()).isEqualTo(a.fetchedAt());
    NewsArticle undated =
        new NewsArticle(
            a.id(),
            a.source(),
            a.url(),
            a.title(),
            a.body(),
            null,
            a.fetchedAt(),
            a.language(),
            a.tickers(),
            null,
            a.fingerprint());
    assertThat(undated.eventTime()).isEqualTo(a.fetchedAt());
  }
}
