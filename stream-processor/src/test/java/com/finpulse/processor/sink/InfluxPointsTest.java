package com.finpulse.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxPointsTest {

  static final Instant START = Instant.parse("2026-03-02T10:05:00Z");

  @Test
  void aTrendPointIsKeyedByItsWindowStart() {
    TrendPoint p =
        new TrendPoint(
            KeyKind.TICKER,
            "ACME",
            TrendWindow.FIVE_MINUTES,
            START,
            START.plusSeconds(300),
            2,
            1,
            1,
            4,
            -0.25,
            0.5,
            3,
            1,
            START.plusSeconds(301));
    String line = InfluxPoints.trend(p).lineProtocol();
    assertThat(line)
        .startsWith("sentiment_trend,key=ACME,key_kind=ticker,window=5m ")
        .contains("count=4i")
        .contains("negative=2i")
        .contains("mean_score=-0.25")
        .contains("negative_share=0.5")
        .contains("novel_count=3i")
        .contains("novel_negative=1i")
        .endsWith(" " + START.toEpochMilli() * 1_000_000L);
  }

  @Test
  void anArticleHasBoundedTagsAndItsTitleAsAField() {
    ScoredArticle a =
        new ScoredArticle(
            "0123456789abcdef0123456789abcdef",
            "wire",
            null,
            "Acme, Inc. \"slumps\"",
            START,
            START,
            START,
            List.of("ACME", "GLOBX"),
            "0123456789abcdef",
            Sentiment.NEGATIVE,
            new SentimentScores(0.8, 0.15, 0.05),
            -0.75,
            "earnings",
            Map.of("earnings", 0.9, "macro", 0.1),
            "m",
            START,
            java.util.Map.of());
    String line = InfluxPoints.article(a).lineProtocol();
    assertThat(line)
        .startsWith("scored_article,sentiment=negative,topic=earnings ")
        .contains("title=\"Acme, Inc. \\\"slumps\\\"\"")
        .contains("tickers=\"ACME,GLOBX\"")
        .contains("topic_confidence=0.9")
        .doesNotContain("url=");
    long ts = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    assertThat(ts / 1_000_000L).isEqualTo(START.toEpochMilli());
  }
}
