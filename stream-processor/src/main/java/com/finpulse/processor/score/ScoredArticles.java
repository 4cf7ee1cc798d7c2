package com.finpulse.processor.score;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.serve.Prediction;
import java.time.Instant;
import java.util.Map;

/** Joins an article and the model's verdict into the news.scored event. */
public final class ScoredArticles {

  private ScoredArticles() {}

  public static ScoredArticle of(
      NewsArticle a,
      Prediction p,
      Map<String, SentimentScores> tickerSentiment,
      String modelId,
      Instant scoredAt) {
    return new ScoredArticle(
        a.id(),
        a.source(),
        a.url(),
        a.title(),
        a.publishedAt(),
        a.fetchedAt(),
        a.eventTime(),
        a.tickers(),
        a.fingerprint(),
        p.sentiment(),
        p.sentimentScores(),
        p.sentimentScore(),
        p.topic(),
        p.topicProbabilities(),
        modelId,
        scoredAt,
        tickerSentiment);
  }
}
