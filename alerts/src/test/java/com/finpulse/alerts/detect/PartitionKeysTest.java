package com.finpulse.alerts.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {

  private static final SentimentScores POSITIVE = new SentimentScores(0.1, 0.2, 0.7);
  private static final SentimentScores NEGATIVE = new SentimentScores(0.8, 0.1, 0.1);

  private static ScoredArticle article(Map<String, SentimentScores> perTicker) {
    Instant t = Instant.parse("2026-01-05T10:00:00Z");
    return new ScoredArticle(
        "a1",
        "wire",
        null,
        "Acme soars while Globex slumps",
        t,
        t,
        t,
        List.of("ACME", "GLOBX"),
        "00",
        Sentiment.POSITIVE,
        POSITIVE,
        POSITIVE.score(),
        "Markets",
        Map.of("Markets", 1.0),
        "m",
        t,
        perTicker);
  }

  @Test
  void aTickerKeyHasTheSentimentTowardItTheOtherKeysTheArticles() {
    ScoredArticle a = article(Map.of("ACME", POSITIVE, "GLOBX", NEGATIVE));
    assertThat(PartitionKeys.of(a))
        .containsExactly("topic:Markets", "ticker:ACME", "ticker:GLOBX", PartitionKeys.MARKET);
    assertThat(PartitionKeys.sentimentFor(a, "ticker:GLOBX").label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(PartitionKeys.sentimentFor(a, "ticker:ACME").label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(PartitionKeys.sentimentFor(a, PartitionKeys.MARKET)).isEqualTo(POSITIVE);
    assertThat(PartitionKeys.sentimentFor(a, "topic:Markets")).isEqualTo(POSITIVE);
  }

  @Test
  void withoutPerTickerSentimentATickerHasTheArticles() {
    assertThat(PartitionKeys.sentimentFor(article(Map.of()), "ticker:GLOBX")).isEqualTo(POSITIVE);
  }
}
