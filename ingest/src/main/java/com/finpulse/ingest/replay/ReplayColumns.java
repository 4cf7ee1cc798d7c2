package com.finpulse.ingest.replay;

import com.finpulse.ingest.config.ReplaySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which column of a replay file holds what: named in config, else found by the names such files
 * commonly use (first match wins, in the order listed).
 *
 * @param published timestamp column (required)
 * @param title headline column (required)
 */
public record ReplayColumns(
    String published,
    String title,
    @Nullable String body,
    @Nullable String ticker,
    @Nullable String url) {

  static final List<String> PUBLISHED =
      List.of("published", "date", "datetime", "time", "timestamp", "created_at", "pubdate");
  static final List<String> TITLE = List.of("headline", "title", "text");
  static final List<String> BODY = List.of("body", "summary", "content", "description", "text");
  static final List<String> TICKER = List.of("ticker", "symbol", "stock", "tickers", "symbols");
  static final List<String> URL = List.of("url", "link");

  /**
   * @param header the file's column names, in order
   * @throws ReplayException when no timestamp or title column can be found, or a named column is
   *     not in the file
   */
  public static ReplayColumns resolve(List<String> header, ReplaySettings.Columns explicit)
      throws ReplayException {
    List<String> problems = new ArrayList<>();
    String published =
        pick(
            header,
            explicit.published(),
            "published",
            problems,
            h -> h.startsWith("published_at"),
            PUBLISHED);
    String title = pick(header, explicit.title(), "title", problems, h -> false, TITLE);
    String body =
        pick(
            header,
            explicit.body(),
            "body",
            problems,
            h -> false,
            BODY.stream().filter(b -> !b.equals(norm(title))).toList());
    String ticker = pick(header, explicit.ticker(), "ticker", problems, h -> false, TICKER);
    String url = pick(header, explicit.url(), "url", problems, h -> false, URL);
    if (published == null) {
      problems.add(
          "no timestamp column: expected one named published_at*, "
              + String.join(", ", PUBLISHED)
              + " (or set replay.columns.published)");
    }
    if (title == null) {
      problems.add(
          "no headline column: expected one named "
              + String.join(", ", TITLE)
              + " (or set replay.columns.title)");
    }
    if (!problems.isEmpty()) {
      throw new ReplayException(
          String.join("; ", problems)
              + "; the file's columns are "
              + header.stream().limit(20).map(Printable::of).toList()
              + (header.size() > 20 ? " and " + (header.size() - 20) + " more" : ""));
    }
    return new ReplayColumns(published, title, body, ticker, url);
  }

  private static @Nullable String pick(
      List<String> header,
      @Nullable String explicit,
      String what,
      List<String> problems,
      Predicate<String> prefix,
      List<String> names) {
    if (explicit != null && !explicit.isBlank()) {
      for (String h : header) {
        if (h.equals(explicit) || norm(h).equals(norm(explicit))) {
          return h;
        }
      }
      problems.add("replay.columns." + what + " names '" + explicit + "', which is not a column");
      return null;
    }
    for (String h : header) {
      if (prefix.test(norm(h))) {
        return h;
      }
    }
    for (String n : names) {
      for (String h : header) {
        if (norm(h).equals(n)) {
          return h;
        }
      }
    }
    return null;
  }

  static @Nullable String norm(@Nullable String h) {
    return h == null
        ? null
        : h.strip()
            .replace("\uFEFF", "")
            .toLowerCase(Locale.ROOT)
            .replace(' ', '_')
            .replace('-', '_');
  }

  @Override
  public String toString() {
    return "published="
        + published
        + ", title="
        + title
        + (body == null ? "" : ", body=" + body)
        + (ticker == null ? "" : ", ticker=" + ticker)
        + (url == null ? "" : ", url=" + url);
  }
}
