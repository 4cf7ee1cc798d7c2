package com.finpulse.ingest.ticker;

import java.util.ArrayList;
import java.util.Comparator;
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
 *       LSE: BARC}, {@code NYSE: BRK.A, BRK.B}, {@code TYO: 7203}: a known exchange name (any
 *       case), a colon, then one or more comma- or "and"-separated upper-case symbols.
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
 * (ACME)}) also counts, since press releases and filings write symbols that way.
 */
public final class PatternTickerFinder implements TickerFinder {

  private static final Pattern CASHTAG =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}$&/\\\\])\\$([A-Z]{1,6}(?:[.\\-][A-Z]{1,2})?)(?![\\p{L}\\p{N}])");

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
          + "|Euronext\\s(?:Paris|Amsterdam|Brussels|Lisbon|Dublin|Milan|Oslo)|Euronext";

  private static final Pattern EXCHANGE_PREFIX =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:" + EXCHANGES + ")\\s*:\\s*", Pattern.CASE_INSENSITIVE);

  private static final Pattern SYMBOL =
      Pattern.compile("[A-Z0-9]{1,6}(?:[.\\-][A-Z0-9]{1,3})?(?![\\p{L}\\p{N}])");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*(?:,|and|&|/)\\s*");

  private static final Pattern SUFFIX_AND_PARENS =
      Pattern.compile(
          "(?<=\\p{Lu}[\\p{L}&.\\-]{0,40}\\s)(?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|PLC|LLC"
              + "|N\\.V|S\\.A|AG|SE|Holdings|Group)\\.?,?\\s*\\(\\s*([A-Z]{1,5}(?:\\.[A-Z])?)\\s*\\)");

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

  private final Pattern names;
  private final Map<String, String> tickerByName;

  /**
   * @param watchlist company name (as it is capitalised in text) to ticker; may be empty
   */
  public PatternTickerFinder(Map<String, String> watchlist) {
    this.tickerByName = Map.copyOf(watchlist);
    List<String> sorted = new ArrayList<>(watchlist.keySet());
    sorted.removeIf(String::isBlank);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alternation = new StringBuilder();
    for (String name : sorted) {
      if (alternation.length() > 0) {
        alternation.append('|');
      }
      alternation.append(Pattern.quote(name.strip()));
    }
    this.names =
        sorted.isEmpty()
            ? null
            : Pattern.compile(
                "(?<![\\p{L}\\p{N}])(" + alternation + ")(?![\\p{L}\\p{N}]|['’][a-rt-z])");
  }

  @Override
  public List<String> find(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Mention> mentions = new ArrayList<>();
    Matcher m = CASHTAG.matcher(text);
    while (m.find()) {
      if (!CURRENCY_CODES.contains(m.group(1))) {
        mentions.add(new Mention(m.start(), m.group(1)));
      }
    }
    m = EXCHANGE_PREFIX.matcher(text);
    while (m.find()) {
      symbolList(text, m.end(), mentions);
    }
    m = SUFFIX_AND_PARENS.matcher(text);
    while (m.find()) {
      mentions.add(new Mention(m.start(1), m.group(1)));
    }
    Set<String> strong = new LinkedHashSet<>();
    mentions.forEach(x -> strong.add(x.symbol()));
    if (names != null) {
      m = names.matcher(text);
      while (m.find()) {
        String name = m.group(1);
        String ticker = tickerByName.get(name);
        if (ticker == null) {
          continue;
        }
        if (name.indexOf(' ') > 0
            || strong.contains(ticker)
            || corroborated(text, m.start(), m.end())) {
          mentions.add(new Mention(m.start(), ticker));
        }
      }
    }
    mentions.sort(Comparator.comparingInt(Mention::position));
    Set<String> out = new LinkedHashSet<>();
    for (Mention x : mentions) {
      out.add(x.symbol().toUpperCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  /** Reads "IBM", "BRK.A, BRK.B" or "GOOG and GOOGL" after an exchange prefix. */
  private static void symbolList(String text, int from, List<Mention> out) {
    int pos = from;
    while (pos < text.length()) {
      Matcher s = SYMBOL.matcher(text).region(pos, text.length());
      if (!s.lookingAt() || !hasLetterOrIsNumericListing(s.group())) {
        return;
      }
      out.add(new Mention(s.start(), s.group()));
      pos = s.end();
      Matcher sep = LIST_SEPARATOR.matcher(text).region(pos, text.length());
      if (!sep.lookingAt()) {
        return;
      }
      int next = sep.end();
      Matcher peek = SYMBOL.matcher(text).region(next, text.length());
      if (!peek.lookingAt()) {
        return;
      }
      pos = next;
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
