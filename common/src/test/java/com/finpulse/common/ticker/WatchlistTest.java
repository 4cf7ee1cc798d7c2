package com.finpulse.common.ticker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchlistTest {

  @Test
  void parsesNamesAndTickersWithCommentsAndCommasInNames() throws Exception {
    var w =
        Watchlist.parse(
            new StringReader(
                "# comment\n\nApple,AAPL\nBerkshire Hathaway, BRK.B\nAcme, Inc.,ACME\n"),
            "test.csv");
    assertThat(w)
        .containsEntry("Apple", "AAPL")
        .containsEntry("Berkshire Hathaway", "BRK.B")
        .containsEntry("Acme, Inc.", "ACME");
  }

  @Test
  void malformedLinesNameFileAndLine() {
    assertThatThrownBy(
            () -> Watchlist.parse(new StringReader("Apple,AAPL\nNo ticker here\n"), "w.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("w.csv:2:");
    assertThatThrownBy(() -> Watchlist.parse(new StringReader("Apple,aapl\n"), "w.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("w.csv:1:")
        .hasMessageContaining("upper-case");
  }

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("w.csv");
    Files.writeString(csv, "Nvidia,NVDA\n");
    assertThat(Watchlist.load(csv)).containsExactly(java.util.Map.entry("Nvidia", "NVDA"));
  }

  @Test
  void shippedDefaultsLoadAndWork() {
    var defaults = Watchlist.defaults();
    assertThat(defaults)
        .hasSizeGreaterThan(100)
        .containsEntry("Apple", "AAPL")
        .containsEntry("Goldman Sachs", "GS");
  }

  @Test
  void namesByTickerGathersEveryNameOfACompany() throws Exception {
    var w = Watchlist.parse(new StringReader("Alphabet,GOOGL\nGoogle,GOOGL\nApple,AAPL\n"), "t");
    assertThat(Watchlist.namesByTicker(w))
        .containsEntry("GOOGL", java.util.List.of("Alphabet", "Google"))
        .containsEntry("AAPL", java.util.List.of("Apple"));
  }
}
