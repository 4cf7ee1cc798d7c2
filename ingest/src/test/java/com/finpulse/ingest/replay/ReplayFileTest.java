package com.finpulse.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.ingest.config.ReplaySettings;
import com.finpulse.ingest.testing.SharedData;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {

  static final ReplaySettings.Columns AUTO =
      new ReplaySettings.Columns(null, null, null, null, null);

  @TempDir Path dir;

  @Test
  void benzingaByTimeReplaysWithNoOptions() throws Exception {
    ReplayFile.Loaded l = ReplayFile.load(SharedData.benzingaByTime(), AUTO);
    assertThat(l.columns())
        .isEqualTo(new ReplayColumns("published_at_utc", "headline", null, "ticker", null));
    assertThat(l.rows()).hasSize(9991);
    assertThat(l.skipped()).isZero();
    assertThat(l.inFileOrder()).isTrue();
    ReplayFile.Row first = l.rows().get(0);
    assertThat(first.published()).isEqualTo(Instant.parse("2009-04-29T12:48:00Z"));
    assertThat(first.title()).isEqualTo("Going Against the Herd");
    assertThat(first.tickers()).containsExactly("A");
    assertThat(l.rows().get(9990).published()).isEqualTo(Instant.parse("2020-06-10T19:17:00Z"));
  }

  @Test
  void benzingaOriginalIsSortedAndItsBrokenRecordsCounted() throws Exception {
    ReplayFile.Loaded l = ReplayFile.load(SharedData.benzingaOriginal(), AUTO);
    assertThat(l.columns()).isEqualTo(new ReplayColumns("date", "title", null, "stock", null));
    assertThat(l.inFileOrder()).as("the file is ordered by ticker").isFalse();
    // Two records are split over two physical lines (PROVENANCE.md): each half is unreadable.
    assertThat(l.skipped()).isEqualTo(4);
    assertThat(l.problems()).anyMatch(p -> p.startsWith("line 2300: no timestamp"));
    assertThat(l.rows()).hasSize(9989);
    for (int i = 1; i < l.rows().size(); i++) {
      assertThat(l.rows().get(i).published()).isAfterOrEqualTo(l.rows().get(i - 1).published());
    }
  }

  @Test
  void jsonlWithExplicitColumnsAndGzip() throws Exception {
    Path file = dir.resolve("news.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          """
          {"ts": 1717765500, "head": "Second by time", "sym": ["AAPL", "MSFT"], "link": "https://x.example/2"}
          not json at all
          {"ts": "2024-06-07T12:00:00Z", "head": "First by time", "sym": "NASDAQ:NVDA"}
          {"ts": "never", "head": "No time"}
          """
              .getBytes(StandardCharsets.UTF_8));
    }
    ReplayFile.Loaded l =
        ReplayFile.load(file, new ReplaySettings.Columns("ts", "head", null, "sym", "link"));
    assertThat(l.rows())
        .extracting(ReplayFile.Row::title)
        .containsExactly("First by time", "Second by time");
    assertThat(l.rows().get(0).tickers()).containsExactly("NVDA");
    assertThat(l.rows().get(1).tickers()).containsExactly("AAPL", "MSFT");
    assertThat(l.rows().get(1).url()).isEqualTo("https://x.example/2");
    assertThat(l.skipped()).isEqualTo(2);
    assertThat(l.problems())
        .containsExactly(
            "line 2: not JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))",
            "line 4: unreadable timestamp 'never'");
  }

  @Test
  void csvWithQuotedNewlinesAndCommonNames() throws Exception {
    Path file = dir.resolve("rows.csv");
    Files.writeString(
        file,
        "Timestamp,Title,Summary,Symbol,URL\n"
            + "2024-06-07 10:00:00-04:00,\"Oil falls, again\",\"Line one\nline two\",XOM,https://x.example/oil\n"
            + "2024-06-07T13:00:00Z,Fed holds,,,\n");
    ReplayFile.Loaded l = ReplayFile.load(file, AUTO);
    assertThat(l.columns())
        .isEqualTo(new ReplayColumns("Timestamp", "Title", "Summary", "Symbol", "URL"));
    assertThat(l.rows()).hasSize(2);
    assertThat(l.rows().get(0).title()).isEqualTo("Fed holds");
    assertThat(l.rows().get(1).body()).isEqualTo("Line one\nline two");
    assertThat(l.rows().get(1).url()).isEqualTo("https://x.example/oil");
  }

  @Test
  void missingColumnsAreExplained() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "when,what\n2024-01-01,x\n");
    assertThatThrownBy(() -> ReplayFile.load(file, AUTO))
        .isInstanceOf(ReplayException.class)
        .hasMessageContaining("no timestamp column")
        .hasMessageContaining("no headline column")
        .hasMessageContaining("[when, what]");
    assertThatThrownBy(
            () ->
                ReplayFile.load(file, new ReplaySettings.Columns("when", "nope", null, null, null)))
        .hasMessageContaining("replay.columns.title names 'nope', which is not a column");
    assertThatThrownBy(() -> ReplayFile.load(dir.resolve("absent.csv"), AUTO))
        .isInstanceOf(ReplayException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aBinaryFileIsRefusedWithoutEchoingItsBytes() throws Exception {
    Path file = dir.resolve("image.csv");
    byte[] bytes = new byte[4096];
    new java.util.Random(7).nextBytes(bytes);
    bytes[10] = 0;
    bytes[11] = 0x1b; // ESC: a terminal escape sequence must not reach the log
    Files.write(file, bytes);
    assertThatThrownBy(() -> ReplayFile.load(file, AUTO))
        .isInstanceOf(ReplayException.class)
        .hasMessageContaining("is not a CSV or JSONL text file")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x08\\x1b\\x7f]"));

    Path gz = dir.resolve("news.csv");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("published_at,headline\n2024-01-01T00:00:00Z,Oil slumps\n".getBytes());
    }
    assertThatThrownBy(() -> ReplayFile.load(gz, AUTO)).hasMessageContaining("name it with a .gz");
  }

  @Test
  void unreadableRowsAreReportedInPrintableTextAndCounted() throws Exception {
    Path file = dir.resolve("mixed.csv");
    Files.writeString(
        file,
        "published_at,headline\n"
            + "2024-01-01T00:00:00Z,Oil slumps\n"
            + "\u001b[31m\u0007garbage\u0001,Bad row\n"
            + "2024-01-01T00:01:00Z,\n"
            + "2024-01-01T00:02:00Z,Gas rises\n");
    ReplayFile.Loaded l = ReplayFile.load(file, AUTO);
    assertThat(l.rows()).hasSize(2);
    assertThat(l.skipped()).isEqualTo(2);
    assertThat(l.problems())
        .containsExactly("line 3: unreadable timestamp '?[31m?garbage?'", "line 4: no headline");
  }
}
