package com.finpulse.model.task;

import com.finpulse.common.event.FinancialTopics;
import com.finpulse.common.event.Sentiment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The model's two classification tasks and their default label sets. */
public enum Task {
  SENTIMENT(Arrays.stream(Sentiment.values()).map(Sentiment::label).toList()),
  /** The 20 financial topics, in the topic data's label-id order. */
  TOPIC(FinancialTopics.NAMES);

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

  public static Task parse(String id) {
    for (Task t : values()) {
      if (t.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task '" + id + "' (sentiment or topic)");
  }
}
