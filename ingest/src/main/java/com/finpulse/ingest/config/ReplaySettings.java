package com.finpulse.ingest.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import org.jspecify.annotations.Nullable;

/**
 * The {@code replay:FILE} source: a CSV (header row) or JSONL file re-emitted in timestamp order.
 *
 * @param sourceName the {@code source} of replayed articles
 * @param columns which column holds what; an empty entry is found by its common names
 * @param shiftToNow move every timestamp by one offset so the last row is published "now" (demos on
 *     historical data: the dashboards' "last hour" then shows it); false keeps them as written
 */
public record ReplaySettings(String sourceName, Columns columns, boolean shiftToNow)
    implements Validated {

  public ReplaySettings {
    columns = columns == null ? new Columns(null, null, null, null, null) : columns;
  }

  /**
   * Column names, each optional.
   *
   * @param published the timestamp column (found as published_at*, date, time, timestamp, ...)
   * @param title headline, title, text
   * @param body body, summary, content, description
   * @param ticker ticker, symbol, stock
   * @param url url, link
   */
  public record Columns(
      @Nullable String published,
      @Nullable String title,
      @Nullable String body,
      @Nullable String ticker,
      @Nullable String url) {}

  @Override
  public void validate(Validation v) {
    v.notBlank(sourceName, "source_name");
  }
}
