package com.finpulse.processor.score;

import com.finpulse.model.serve.Prediction;
import org.jspecify.annotations.Nullable;

/** The model's verdict on one text, or why it has none (the text alone made the model fail). */
public record ScoringOutcome(@Nullable Prediction prediction, @Nullable RuntimeException error) {

  static ScoringOutcome of(Prediction p) {
    return new ScoringOutcome(p, null);
  }

  static ScoringOutcome failed(RuntimeException e) {
    return new ScoringOutcome(null, e);
  }
}
