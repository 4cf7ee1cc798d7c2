package com.finpulse.model.task;

import com.finpulse.common.event.FinancialTopics;
import com.finpulse.common.event.Sentiment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The model's classification tasks and their default label sets. Sentiment and topic read a whole
 * text; entity reads a text and a target (a company name or ticker) and gives the sentiment toward
 * that target. A model always has sentiment and topic heads; the entity head is optional (models
 * trained before it existed have none).
 */
public enum Task {
  SENTIMENT(Arrays.stream(Sentiment.values()).map(Sentiment::label).toList()),
  /** The 20 financial topics, in the topic data's label-id order. */
  TOPIC(FinancialTopics.NAMES),
  /** Target-dependent sentiment: the text's sentiment toward one named company or ticker. */
  ENTITY(Arrays.stream(Sentiment.values()).map(Sentiment::label).toList());

  private final List<String> defaultLabels;

  Task(List<String> defaultLabels) {
    this.defaultLabels = defaultLabels;
  }

  public List<String> defaultLabels() {
    return defaultLabels;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether inputs of this task are (text, target) pairs. */
  public boolean targeted() {
    return switch (this) {
      case SENTIMENT, TOPIC -> false;
      case ENTITY -> true;
    };
  }

  /** Whether every model must have this task's head. */
  public boolean required() {
    return switch (this) {
      case SENTIMENT, TOPIC -> true;
      case ENTITY -> false;
    };
  }

  public static Task parse(String id) {
    for (Task t : values()) {
      if (t.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task '" + id + "' (sentiment, topic or entity)");
  }
}
