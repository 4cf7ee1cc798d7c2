package com.finpulse.ingest.ticker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternTickerFinderTest {

  private final PatternTickerFinder finder =
      new PatternTickerFinder(
          Map.of(
              "Apple", "AAPL",
              "Goldman Sachs", "GS",
              "Bank of America", "BAC",
              "Bank", "BNK",
              "Target", "TGT",
              "J.P. Morgan", "JPM",
              "AT&T", "T",
              "McDonald's", "MCD"));

  @Test
  void theShippedWatchlistFindsCompaniesByName() {
    assertThat(
            new PatternTickerFinder(com.finpulse.common.ticker.Watchlist.defaults())
                .find("Microsoft shares rose after Goldman Sachs upgraded the stock."))
        .containsExactly("MSFT", "GS");
  }

  @Test
  void cashtags() {
    assertThat(finder.find("Watching $AAPL and $BRK.B today, also $tsla and $RDS-A."))
        .containsExactly("AAPL", "BRK.B", "RDS-A");
    assertThat(finder.find("It cost $5, or US$7, or C$9, or $USD 10; $US5bn")).isEmpty();
    assertThat(finder.find("price$AAPL and $$AAPL and \\$MSFT"))
        .as("not preceded by a letter or $")
        .isEmpty();
    assertThat(finder.find("Shares of $NVDA2 rose")).as("followed by a digit").isEmpty();
  }

  @Test
  void exchangePrefixes() {
    assertThat(finder.find("Acme Holdings (NYSE: ACME) today announced")).containsExactly("ACME");
    assertThat(finder.find("Foo Inc. (Nasdaq:FOO) and Bar plc (LSE: BARC) and Baz (TSX: RY)"))
        .containsExactly("FOO", "BARC", "RY");
    assertThat(finder.find("Berkshire (NYSE: BRK.A, BRK.B) and Alphabet (NASDAQ: GOOG and GOOGL)"))
        .containsExactly("BRK.A", "BRK.B", "GOOG", "GOOGL");
    assertThat(finder.find("Toyota (TYO: 7203) and Tencent (HKEX: 0700)"))
        .containsExactly("7203", "0700");
    assertThat(finder.find("Home Depot (ticker: HD) reported")).contains("HD");
    assertThat(finder.find("listed on the NYSE: 2023 was a good year"))
        .as("a year is not a listing")
        .isEmpty();
    assertThat(finder.find("(NYSE American: XYZ)")).containsExactly("XYZ");
  }

  @Test
  void companySuffixFollowedByParenthesisedSymbol() {
    assertThat(finder.find("Acme Corp. (ACME) said revenue rose")).containsExactly("ACME");
    assertThat(finder.find("the Securities and Exchange Commission (SEC) said")).isEmpty();
  }

  @Test
  void multiWordNamesCountAlone() {
    assertThat(finder.find("Goldman Sachs raised its target; Bank of America disagreed."))
        .containsExactly("GS", "BAC");
    assertThat(finder.find("J.P. Morgan and AT&T and McDonald's"))
        .containsExactly("JPM", "T", "MCD");
  }

  @Test
  void singleWordNamesNeedBusinessContext() {
    assertThat(finder.find("Apple shares rose 3% after earnings.")).containsExactly("AAPL");
    assertThat(finder.find("Apple Inc. will hold an event.")).containsExactly("AAPL");
    assertThat(finder.find("Apple's event is in September; the company did not comment."))
        .containsExactly("AAPL");
    assertThat(finder.find("Apple pie recipes for autumn. Bake for forty minutes.")).isEmpty();
    assertThat(finder.find("We had apple pie and hit our target weight."))
        .as("lower case never matches")
        .isEmpty();
    assertThat(finder.find("Pineapple and Applebee and Apples")).as("word boundaries").isEmpty();
    assertThat(finder.find("$AAPL: Apple pie day"))
        .as("the cashtag corroborates the name")
        .containsExactly("AAPL");
  }

  @Test
  void longestNameWinsAndOrderIsFirstMentionWithoutDuplicates() {
    assertThat(finder.find("Bank of America said.")).containsExactly("BAC");
    assertThat(finder.find("NYSE: IBM. Goldman Sachs, then $IBM again, then Goldman Sachs"))
        .containsExactly("IBM", "GS");
  }

  @Test
  void ordinaryCapitalisedWordsAreNotTickers() {
    assertThat(finder.find("The CEO said the US GDP grew. AI IS HERE. NATO met in June."))
        .isEmpty();
    assertThat(new PatternTickerFinder(Map.of()).find("Nothing here")).isEmpty();
    assertThat(finder.find("")).isEmpty();
  }

  @Test
  void longTextIsScannedInOnePass() {
    String filler = "Investors weighed the outlook for rates as markets opened lower on Monday. ";
    String text = filler.repeat(50_000) + "Then Goldman Sachs (NYSE: GS) rallied.";
    long start = System.nanoTime();
    assertThat(finder.find(text)).containsExactly("GS");
    // Generous: the regex-per-name approach this replaced took seconds on this input.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }
}
