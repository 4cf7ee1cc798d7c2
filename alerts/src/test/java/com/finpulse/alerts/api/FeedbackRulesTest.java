package com.finpulse.alerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.history.ArticleReader;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import com.finpulse.common.event.Sentiment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of corrections and of the review queue, without a server. */
class FeedbackRulesTest {

  private static final String HASH = LabelFeedback.textHash("Acme beats");

  private static ArticleReader.Row row(
      String id, String topic, List<String> tickers, double neg, double neu, double pos) {
    return new ArticleReader.Row(
        Instant.parse("2026-12-04T10:00:00Z"),
        id,
        topic,
        neg >= neu && neg >= pos
            ? Sentiment.NEGATIVE
            : pos >= neu ? Sentiment.POSITIVE : Sentiment.NEUTRAL,
        "Acme beats",
        null,
        "wire",
        tickers,
        pos - neg,
        neg,
        neu,
        pos,
        "m@1",
        Map.of("ACME", Sentiment.POSITIVE),
        HASH);
  }

  private static List<String> problems(CorrectionRequest r) {
    Validation v = Validation.root();
    r.validate(v);
    return v.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void aCorrectionNamesAKnownTaskAndOneOfItsLabels() {
    assertThat(problems(new CorrectionRequest("a", "sentiment", null, "positive", HASH, null)))
        .isEmpty();
    assertThat(problems(new CorrectionRequest("a", "topic", null, "Earnings", HASH, "ok")))
        .isEmpty();
    assertThat(problems(new CorrectionRequest("a", "mood", null, "positive", HASH, null)))
        .singleElement()
        .asString()
        .contains("task: must be sentiment, topic or entity");
    assertThat(problems(new CorrectionRequest("a", "sentiment", null, "bullish", HASH, null)))
        .singleElement()
        .asString()
        .contains("label: must be one of negative, neutral, positive, got 'bullish'");
    assertThat(problems(new CorrectionRequest("a", "topic", null, "Weather", HASH, null)))
        .singleElement()
        .asString()
        .startsWith("label: must be one of Analyst Update");
    assertThat(problems(new CorrectionRequest("a", "entity", null, "positive", HASH, null)))
        .singleElement()
        .asString()
        .contains("target: is required for entity");
    assertThat(problems(new CorrectionRequest("a", "sentiment", "ACME", "positive", HASH, null)))
        .singleElement()
        .asString()
        .contains("target: only entity corrections name one");
    assertThat(problems(new CorrectionRequest(" ", "sentiment", null, "positive", "abc", null)))
        .hasSize(2);
    assertThat(
            problems(
                new CorrectionRequest("a", "sentiment", null, "positive", HASH, "x".repeat(1001))))
        .singleElement()
        .asString()
        .startsWith("note:");
  }

  @Test
  void theModelsLabelIsTakenFromTheArticleForEachTask() {
    ArticleReader.Row a = row("a", "Earnings", List.of("ACME", "BETA"), 0.7, 0.2, 0.1);
    assertThat(FeedbackResource.modelLabel(a, LabelTask.SENTIMENT, "")).isEqualTo("negative");
    assertThat(FeedbackResource.modelLabel(a, LabelTask.TOPIC, "")).isEqualTo("Earnings");
    assertThat(FeedbackResource.modelLabel(a, LabelTask.ENTITY, "ACME")).isEqualTo("positive");
    // No sentiment of its own toward BETA: the article's.
    assertThat(FeedbackResource.modelLabel(a, LabelTask.ENTITY, "BETA")).isEqualTo("negative");
  }

  @Test
  void theQueueServesTheLeastSureFirstAndAlertedKeysAhead() {
    ArticleReader.Row sure = row("sure", "Markets", List.of(), 0.9, 0.05, 0.05);
    ArticleReader.Row unsure = row("unsure", "Markets", List.of(), 0.4, 0.35, 0.25);
    ArticleReader.Row alerted = row("alerted", "Energy | Oil", List.of(), 0.5, 0.3, 0.2);
    ArticleReader.Row tickerAlerted = row("ticker", "Markets", List.of("ACME"), 0.52, 0.4, 0.08);
    ArticleReader.Row done = row("done", "Markets", List.of(), 0.34, 0.33, 0.33);
    List<ReviewResource.Item> q =
        ReviewResource.queue(
            List.of(sure, unsure, alerted, tickerAlerted, done),
            Set.of("done"),
            Set.of("topic:Energy | Oil", "ticker:ACME"));
    // priorities: sure 0.85, unsure 0.05, alerted 0.2 x 0.5 = 0.1, ticker 0.12 x 0.5 = 0.06
    assertThat(q)
        .extracting(i -> i.article().articleId())
        .containsExactly("unsure", "ticker", "alerted", "sure");
    assertThat(q.get(1).onOpenAlert()).isTrue();
    assertThat(q.get(0).margin()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
  }
}
