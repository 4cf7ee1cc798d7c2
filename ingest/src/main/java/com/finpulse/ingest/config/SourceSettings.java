package com.finpulse.ingest.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One live source.
 *
 * @param name unique, becomes the {@code source} of its articles and the metrics tag
 * @param type how the URL is read
 * @param url the feed, sitemap or listing page
 * @param enabled false keeps the entry in the file without polling it (default true)
 * @param pollInterval time between two polls, default 10m (a failure backs off further)
 * @param fetchArticles also fetch each new item's page and extract its full text (always on for
 *     {@code html_listing}); feeds otherwise give title and summary only (default false)
 * @param linkSelector {@code html_listing}: CSS selector of the article links on the page
 * @param linkPattern {@code html_listing}: optional regular expression an article URL must match
 * @param tickers symbols every article of this source is about (a company's own feed)
 * @param language ISO 639-1 code used when neither the feed nor the page states one
 * @param maxItems at most this many items are taken from one poll, default 50
 */
public record SourceSettings(
    String name,
    SourceType type,
    String url,
    Boolean enabled,
    Duration pollInterval,
    Boolean fetchArticles,
    @Nullable String linkSelector,
    @Nullable String linkPattern,
    List<String> tickers,
    @Nullable String language,
    Integer maxItems)
    implements Validated {

  /** Keys a source entry may leave out. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(10);

  public static final int DEFAULT_MAX_ITEMS = 50;

  public SourceSettings {
    enabled = enabled == null || enabled;
    pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    fetchArticles = fetchArticles != null && fetchArticles;
    linkSelector = linkSelector == null || linkSelector.isBlank() ? null : linkSelector;
    linkPattern = linkPattern == null || linkPattern.isBlank() ? null : linkPattern;
    tickers = tickers == null ? List.of() : List.copyOf(tickers);
    language = language == null || language.isBlank() ? null : language;
    maxItems = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
  }

  /** Pages of this source go through the article extractor. */
  public boolean extractsPages() {
    return fetchArticles || type == SourceType.HTML_LISTING;
  }

  @Override
  public void validate(Validation v) {
    v.check(
        name != null && name.matches("[a-z0-9][a-z0-9_.-]{0,63}"),
        "name",
        "use 1-64 lower-case letters, digits, '-', '_' or '.', got '" + name + "'");
    v.check(
        type != null,
        "type",
        "must be one of "
            + String.join(
                ", ", Arrays.stream(SourceType.values()).map(SourceType::configName).toList()));
    v.httpUrl(url, "url");
    v.check(
        pollInterval != null && pollInterval.compareTo(Duration.ofSeconds(10)) >= 0,
        "poll_interval",
        "must be at least 10s");
    v.range(maxItems, 1, 10_000, "max_items");
    if (type == SourceType.HTML_LISTING) {
      v.check(
          linkSelector != null && !linkSelector.isBlank(),
          "link_selector",
          "html_listing needs a CSS selector for the article links");
    }
    if (linkSelector != null) {
      try {
        org.jsoup.select.QueryParser.parse(linkSelector);
      } catch (RuntimeException e) {
        v.check(false, "link_selector", "not a valid CSS selector: " + e.getMessage());
      }
    }
    if (linkPattern != null) {
      try {
        java.util.regex.Pattern.compile(linkPattern);
      } catch (RuntimeException e) {
        v.check(false, "link_pattern", "not a valid regular expression: " + e.getMessage());
      }
    }
    for (String t : tickers) {
      v.check(t.matches("[A-Z0-9.\\-]{1,12}"), "tickers", "not an upper-case symbol: '" + t + "'");
    }
  }
}
