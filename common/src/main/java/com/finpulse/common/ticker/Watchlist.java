package com.finpulse.common.ticker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Company names to tickers, read from CSV lines {@code name,TICKER} ({@code #} starts a comment;
 * one company may have several names: "Alphabet,GOOGL" and "Google,GOOGL"). The name is matched
 * with the capitalisation written here.
 */
public final class Watchlist {

  private static final String DEFAULT_RESOURCE = "default-watchlist.csv";
  private static final Pattern TICKER = Pattern.compile("[A-Z0-9]{1,6}(?:[.\\-][A-Z0-9]{1,3})?");

  private Watchlist() {}

  /**
   * The names of each ticker in a watchlist, in the watchlist's order: what the model is told a
   * ticker's company is called when it scores the sentiment toward it.
   */
  public static Map<String, java.util.List<String>> namesByTicker(Map<String, String> watchlist) {
    Map<String, java.util.List<String>> out = new LinkedHashMap<>();
    watchlist.forEach(
        (name, ticker) -> out.computeIfAbsent(ticker, t -> new java.util.ArrayList<>()).add(name));
    out.replaceAll((t, names) -> java.util.List.copyOf(names));
    return Map.copyOf(out);
  }

  /** The shipped watchlist: large listed companies most often in financial news. */
  public static Map<String, String> defaults() {
    try (InputStream in = Watchlist.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + DEFAULT_RESOURCE + " in the common jar");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, String> load(Path csv) throws IOException {
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return parse(r, csv.toString());
    }
  }

  /**
   * @throws IllegalArgumentException naming file and line of a malformed entry
   */
  public static Map<String, String> parse(Reader reader, String source) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(reader);
    String line;
    int lineNo = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int comma = l.lastIndexOf(',');
      if (comma <= 0) {
        throw new IllegalArgumentException(
            source + ":" + lineNo + ": expected 'name,TICKER', got '" + l + "'");
      }
      String name = l.substring(0, comma).strip();
      String ticker = l.substring(comma + 1).strip();
      if (name.isEmpty() || !TICKER.matcher(ticker).matches()) {
        throw new IllegalArgumentException(
            source + ":" + lineNo + ": '" + ticker + "' is not an upper-case ticker symbol");
      }
      out.put(name, ticker);
    }
    return out;
  }
}
