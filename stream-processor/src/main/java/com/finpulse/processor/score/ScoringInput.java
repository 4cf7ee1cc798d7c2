package com.finpulse.processor.score;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.ticker.Watchlist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the model reads of one article: its text, and for each ticker it names the ways the text may
 * name that company (the watchlist's company names first, then the symbol), so the model can give
 * the sentiment toward each ticker; and the article's id and title, which pick it for the shadow
 * sample and name it in a shadow comparison.
 *
 * @param articleId empty for a text that is no article (never in the shadow sample)
 */
public record ScoringInput(
    String text, Map<String, List<String>> tickerNames, String articleId, String title) {

  private static final Map<String, List<String>> KNOWN_NAMES =
      Watchlist.namesByTicker(Watchlist.defaults());

  public ScoringInput {
    text = text == null ? "" : text;
    tickerNames = tickerNames == null ? Map.of() : Map.copyOf(tickerNames);
    articleId = articleId == null ? "" : articleId;
    title = title == null ? "" : title;
  }

  /** A text without tickers. */
  public static ScoringInput text(String text) {
    return new ScoringInput(text, Map.of(), "", "");
  }

  public static ScoringInput of(NewsArticle article) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (String ticker : new LinkedHashSet<>(article.tickers())) {
      List<String> n = new ArrayList<>(KNOWN_NAMES.getOrDefault(ticker, List.of()));
      n.add(ticker);
      names.put(ticker, List.copyOf(n));
    }
    return new ScoringInput(article.textForModel(), names, article.id(), article.title());
  }
}
