package com.finpulse.model.task;

import com.finpulse.common.event.Sentiment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The model's two classification tasks and their default label sets. */
public enum Task {
  SENTIMENT(Arrays.stream(Sentiment.values()).map(Sentiment::label).toList()),
  /** The 20 topics of the Twitter Financial News Topic data, in its label-id order. */
  TOPIC(
      List.of(
          "Analyst Update",
          "Fed | Central Banks",
          "Company | Product News",
          "Treasuries | Corporate Debt",
          "Dividend",
          "Earnings",
          "Energy | Oil",
          "Financials",
          "Currencies",
          "General News | Opinion",
          "Gold | Metals | Materials",
          "IPO",
          "Legal | Regulation",
          "M&A | Investments",
          "Macro",
          "Markets",
          "Politics",
          "Personnel Change",
          "Stock Commentary",
          "Stock Movement"));

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
