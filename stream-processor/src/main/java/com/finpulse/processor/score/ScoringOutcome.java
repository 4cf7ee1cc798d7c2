package com.finpulse.processor.score;

import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.serve.Prediction;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The model's verdict on one text and the sentiment toward each of its tickers, or why it has none
 * (the text alone made the model fail).
 *
 * @param modelId the model that gave the verdict (null when it failed)
 */
public record ScoringOutcome(
    @Nullable Prediction prediction,
    Map<String, SentimentScores> tickerSentiment,
    @Nullable String modelId,
    @Nullable RuntimeException error) {

  public ScoringOutcome {
    tickerSentiment = tickerSentiment == null ? Map.of() : Map.copyOf(tickerSentiment);
  }

  static ScoringOutcome of(
      Prediction p, Map<String, SentimentScores> tickerSentiment, String modelId) {
    return new ScoringOutcome(p, tickerSentiment, modelId, null);
  }

  static ScoringOutcome failed(RuntimeException e) {
    return new ScoringOutcome(null, Map.of(), null, e);
  }
}
