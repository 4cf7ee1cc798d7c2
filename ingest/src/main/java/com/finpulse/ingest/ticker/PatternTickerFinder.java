package com.finpulse.ingest.ticker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds symbols by three rules, none of which ever takes a bare capitalised word for a ticker:
 *
 * <ol>
 *   <li><b>Cashtags</b>: {@code $AAPL}, {@code $BRK.B}: a dollar sign not preceded by a letter or
 *       digit, 1-6 upper-case letters and an optional one- or two-letter class suffix, not followed
 *       by a letter or digit. {@code $5}, {@code US$}, {@code C$} and currency codes ({@code $USD})
 *       do not count.
 *   <li><b>Exchange prefixes</b>: {@code NYSE: IBM}, {@code (Nasdaq:AAPL)}, {@code TSX: RY}, {@code
 *       LSE: BARC}, {@code NYSE: BRK.A, BRK.B}, {@code TYO: 7203}, {@code (ticker: HD)}: a known
 *       exchange name (any case), a colon, then one or more comma- or "and"-separated upper-case
 *       symbols.
 *   <li><b>Watchlist names</b>: a company name from the configured watchlist, matched with the
 *       capitalisation it is listed with, on word boundaries, with an optional possessive. Names of
 *       one word ("Apple", "Target", "Shell") are also ordinary words, so they count only with
 *       corroboration: a corporate suffix right after the name ("Apple Inc."), the same ticker
 *       found by rule 1 or 2, or a word of business context (shares, earnings, CEO, company,
 *       billion, ...) within 120 characters. "apple pie" never matches (case); "Apple pie recipes"
 *       does not either (one word, no context). Names of two or more words ("Goldman Sachs", "Bank
 *       of America") are specific enough to count alone.
 * </ol>
 *
 * A company name followed by a corporate suffix and a parenthesised symbol ({@code Acme Corp.
 * (ACME)}) also counts, since press releases and filings write symbols that way. Each rule is
 * anchored on a character it needs ({@code $}, {@code :}, {@code (}, a word start), so a long text
 * costs one pass, not one regex attempt per watchlist name and position.
 */
public final class PatternTickerFinder implements TickerFinder {

  private static final Pattern CASHTAG_SYMBOL =
      Pattern.compile("[A-Z]{1,6}(?:[.\\-][A-Z]{1,2})?(?![\\p{L}\\p{N}])");

  private static final Set<String> CURRENCY_CODES =
      Set.of(
          "US", "USD", "AUD", "CAD", "NZD", "HKD", "SGD", "MXN", "EUR", "GBP", "JPY", "CNY", "CHF",
          "TWD", "NT", "AU", "NZ", "HK", "CA");

  private static final String EXCHANGES =
      "NYSE\\s?American|NYSE\\s?Arca|NYSE\\s?MKT|NYSE|NYSEAMERICAN|NASDAQ\\s?(?:GS|GM|CM)|NASDAQ"
          + "|Nasdaq\\s(?:Global\\sSelect|Global\\sMarket|Capital\\sMarket|Stockholm|Copenhagen"
          + "|Helsinki|Nordic)|AMEX|NYSEMKT|LSE|LON|AIM|TSXV|TSX-V|TSX|CSE|NEO|ASX|NZX|HKEX|HKG|SEHK"
          + "|SGX|NSE|BSE|JSE|TYO|TSE|KRX|KOSDAQ|SIX|SWX|XETRA|ETR|FRA|FWB|EPA|AMS|EBR|BIT|BME"
          + "|STO|OSL|CPH|HEL|WSE|OTCQX|OTCQB|OTC\\s?Markets|OTC\\s?Pink|OTCMKTS|OTC|CBOE|BATS"
          + "|Euronext\\s(?:Paris|Amsterdam|Brussels|Lisbon|Dublin|Milan|Oslo)|Euronext"
          + "|ticker|symbol";

  /** An exchange name ending right before a colon (matched on the text before each colon). */
  private static final Pattern EXCHANGE_BEFORE_COLON =
      Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + EXCHANGES + ")\\s*$", Pattern.CASE_INSENSITIVE);

  private static final Pattern SYMBOL =
      Pattern.compile("\\s*([A-Z0-9]{1,6}(?:[.\\-][A-Z0-9]{1,3})?)(?![\\p{L}\\p{N}])");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*(?:,|and|&|/)\\s*");

  /** "Acme Corp." right before a parenthesis. */
  private static final Pattern SUFFIX_BEFORE_PAREN =
      Pattern.compile(
          "\\p{Lu}[\\p{L}&.\\-]{0,40}\\s(?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|PLC|LLC|N\\.V"
              + "|S\\.A|AG|SE|Holdings|Group)\\.?,?\\s*$");

  private static final Pattern SYMBOL_IN_PARENS =
      Pattern.compile("\\s*([A-Z]{1,5}(?:\\.[A-Z])?)\\s*\\)");

  private static final Pattern CORPORATE_SUFFIX =
      Pattern.compile(
          "^(?:'s|’s)?\\s*,?\\s*(?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|PLC|LLC|N\\.V|S\\.A|AG"
              + "|SE|Holdings|Group|Platforms|Technologies)\\b");

  private static final Pattern BUSINESS_CONTEXT =
      Pattern.compile(
          "\\b(?:shares?|stocks?|stockholders?|shareholders?|investors?|analysts?|earnings"
              + "|revenues?|sales|profits?|quarter(?:ly)?|fiscal|guidance|dividends?|market\\s+cap"
              + "|valuation|ipo|listed|traded|trading|nasdaq|nyse|s&p|dow|ceo|cfo|chief\\s+executive"
              + "|executives?|company|companies|corp|inc|firm|maker|giant|brand|deal|acquisitions?"
              + "|acquired?|acquires|merger|billion|million|antitrust|lawsuit|regulators?|product"
              + "|products|subsidiary|startup|market\\s+value|headquarters|spokesperson|spokesman"
              + "|spokeswoman|layoffs|employees|customers|chips?|devices?|software|platform)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final int CONTEXT_CHARS = 120;
  private static final int LOOK_BACK = 60;

  /** Watchlist names by their first word, longest first (so "Bank of America" beats "Bank"). */
  private final Map<String, List<String>> namesByFirstWord = new HashMap<>();

  private final Map<String, String> tickerByName;

  /**
   * @param watchlist company name (as it is capitalised in text) to ticker; may be empty
   */
  public PatternTickerFinder(Map<String, String> watchlist) {
    Map<String, String> byName = new HashMap<>();
    for (var e : watchlist.entrySet()) {
      String name = e.getKey().strip();
      String first = firstWord(name, 0);
      if (first.isEmpty()) {
        continue;
      }
      byName.put(name, e.getValue());
      namesByFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(name);
    }
    namesByFirstWord
        .values()
        .forEach(l -> l.sort(Comparator.comparingInt(String::length).reversed()));
    this.tickerByName = Map.copyOf(byName);
  }

  @Override
  public List<String> find(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Mention> mentions = new ArrayList<>();
    cashtags(text, mentions);
    exchangePrefixes(text, mentions);
    suffixAndParens(text, mentions);
    Set<String> strong = new LinkedHashSet<>();
    mentions.forEach(x -> strong.add(x.symbol()));
    watchlistNames(text, strong, mentions);
    mentions.sort(Comparator.comparingInt(Mention::position));
    Set<String> out = new LinkedHashSet<>();
    for (Mention x : mentions) {
      out.add(x.symbol().toUpperCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  private static void cashtags(String text, List<Mention> out) {
    Matcher symbol = CASHTAG_SYMBOL.matcher(text);
    for (int i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
      if (i > 0) {
        char before = text.charAt(i - 1);
        if (Character.isLetterOrDigit(before)
            || before == '$'
            || before == '&'
            || before == '/'
            || before == '\\') {
          continue;
        }
      }
      symbol.region(i + 1, text.length());
      if (symbol.lookingAt() && !CURRENCY_CODES.contains(symbol.group())) {
        out.add(new Mention(i, symbol.group()));
      }
    }
  }

  private static void exchangePrefixes(String text, List<Mention> out) {
    Matcher exchange = EXCHANGE_BEFORE_COLON.matcher(text);
    for (int c = text.indexOf(':'); c >= 0; c = text.indexOf(':', c + 1)) {
      exchange.region(Math.max(0, c - LOOK_BACK), c);
      if (exchange.find()) {
        symbolList(text, c + 1, out);
      }
    }
  }

  /** Reads "IBM", "BRK.A, BRK.B" or "GOOG and GOOGL" after an exchange prefix. */
  private static void symbolList(String text, int from, List<Mention> out) {
    Matcher symbol = SYMBOL.matcher(text);
    Matcher separator = LIST_SEPARATOR.matcher(text);
    int pos = from;
    while (pos < text.length()) {
      symbol.region(pos, text.length());
      if (!symbol.lookingAt() || !hasLetterOrIsNumericListing(symbol.group(1))) {
        return;
      }
      out.add(new Mention(symbol.start(1), symbol.group(1)));
      pos = symbol.end();
      separator.region(pos, text.length());
      if (!separator.lookingAt()) {
        return;
      }
      pos = separator.end();
    }
  }

  /** Tokyo, Hong Kong and Korean listings are numeric; a bare year is not a listing. */
  private static boolean hasLetterOrIsNumericListing(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return !(s.length() == 4 && (s.startsWith("19") || s.startsWith("20")));
  }

  private static void suffixAndParens(String text, List<Mention> out) {
    Matcher suffix = SUFFIX_BEFORE_PAREN.matcher(text);
    Matcher symbol = SYMBOL_IN_PARENS.matcher(text);
    for (int p = text.indexOf('('); p >= 0; p = text.indexOf('(', p + 1)) {
      symbol.region(p + 1, text.length());
      if (!symbol.lookingAt()) {
        continue;
      }
      suffix.region(Math.max(0, p - LOOK_BACK), p);
      if (suffix.find()) {
        out.add(new Mention(symbol.start(1), symbol.group(1)));
      }
    }
  }

  private void watchlistNames(String text, Set<String> strong, List<Mention> out) {
    if (namesByFirstWord.isEmpty()) {
      return;
    }
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!Character.isLetterOrDigit(text.charAt(i))
          || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
        continue;
      }
      List<String> candidates = namesByFirstWord.get(firstWord(text, i));
      if (candidates == null) {
        continue;
      }
      for (String name : candidates) {
        int end = i + name.length();
        if (!text.startsWith(name, i) || !endsWord(text, end)) {
          continue;
        }
        String ticker = tickerByName.get(name);
        if (!looksLikeOrdinaryWord(name) || strong.contains(ticker) || corroborated(text, i, end)) {
          out.add(new Mention(i, ticker));
        }
        break;
      }
    }
  }

  /**
   * "Apple", "Target", "Shell": one capitalised word of lower-case letters, which running text also
   * uses as an ordinary word. "IBM", "PayPal", "AT&T", "3M" and "Goldman Sachs" are not.
   */
  static boolean looksLikeOrdinaryWord(String name) {
    if (name.length() < 2 || !Character.isUpperCase(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isLowerCase(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The run of letters and digits starting at {@code from}. */
  private static String firstWord(String s, int from) {
    int end = from;
    while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
      end++;
    }
    return s.substring(from, end);
  }

  /** A name ends at a non-alphanumeric character; "Apple's" counts, "Apple'd" does not. */
  private static boolean endsWord(String text, int end) {
    if (end >= text.length()) {
      return true;
    }
    char c = text.charAt(end);
    if (Character.isLetterOrDigit(c)) {
      return false;
    }
    if ((c == '\'' || c == '’') && end + 1 < text.length()) {
      char next = text.charAt(end + 1);
      return next == 's'
              && (end + 2 >= text.length() || !Character.isLetterOrDigit(text.charAt(end + 2)))
          || !Character.isLetter(next);
    }
    return true;
  }

  private static boolean corroborated(String text, int start, int end) {
    String after = text.substring(end, Math.min(text.length(), end + 40));
    if (CORPORATE_SUFFIX.matcher(after).find()) {
      return true;
    }
    int from = Math.max(0, start - CONTEXT_CHARS);
    int to = Math.min(text.length(), end + CONTEXT_CHARS);
    Matcher c = BUSINESS_CONTEXT.matcher(text).region(from, to);
    while (c.find()) {
      if (c.end() <= start || c.start() >= end) {
        return true;
      }
    }
    return false;
  }

  private record Mention(int position, String symbol) {}
}
