package com.finpulse.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** What an analyst's correction is about: one of the model's three heads. */
public enum LabelTask {
  /** The article's sentiment: a {@link Sentiment} label. */
  SENTIMENT,
  /** The article's topic: one of {@link FinancialTopics#NAMES}. */
  TOPIC,
  /** The sentiment toward one of the article's tickers: a {@link Sentiment} label. */
  ENTITY;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static LabelTask fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }

  /** The labels an analyst may give for this task. */
  public List<String> labels() {
    return switch (this) {
      case SENTIMENT, ENTITY -> List.of(Sentiment.values()).stream().map(Sentiment::label).toList();
      case TOPIC -> FinancialTopics.NAMES;
    };
  }

  /** Whether a correction of this task names a target (a ticker). */
  public boolean hasTarget() {
    return switch (this) {
      case SENTIMENT, TOPIC -> false;
      case ENTITY -> true;
    };
  }
}
