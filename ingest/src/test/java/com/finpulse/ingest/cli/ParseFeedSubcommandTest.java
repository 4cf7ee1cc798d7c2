package com.finpulse.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.common.serde.JsonCodec;
import com.finpulse.ingest.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseFeedSubcommandTest {

  @TempDir Path dir;

  record Run(int code, List<JsonNode> lines, String err) {}

  Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new IngestCommand()
            .run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    List<JsonNode> lines =
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .map(
                l -> {
                  try {
                    return JsonCodec.mapper().readTree(l);
                  } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + l, e);
                  }
                })
            .toList();
    return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void registeredWithTheDispatcher() {
    assertThat(
            ServiceLoader.load(IngestSubcommand.class).stream().map(p -> p.get().name()).toList())
        .contains("parse-feed", "run");
  }

  @Test
  void printsOneJsonLinePerItem() throws Exception {
    Path nyt = SharedData.feeds().resolve("nytimes-business.rss.xml");
    Path uol = SharedData.feeds().resolve("uol-noticias.rss.xml");
    Run r = run("parse-feed", nyt.toString(), uol.toString());
    assertThat(r.code()).isZero();
    assertThat(r.lines()).hasSize(50 + 15);
    JsonNode first = r.lines().get(0);
    assertThat(first.get("file").asText()).isEqualTo(nyt.toString());
    assertThat(first.get("title").asText())
        .isEqualTo("Oil Prices Surge Above $100 a Barrel for the First Time in Almost Four Years");
    assertThat(first.get("link").asText())
        .startsWith("https://www.nytimes.com/2026/03/08/business/");
    assertThat(first.get("published").asText()).isEqualTo("2026-03-08T23:24:20Z");
    assertThat(first.get("summary").asText()).startsWith("The jump was a sign");
    assertThat(first.get("guid").asText()).isEqualTo(first.get("link").asText());
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("file", "title", "link", "published", "summary", "guid");
    assertThat(r.lines().get(50).get("title").asText()).contains("simulações");
  }

  @Test
  void gzipAndBadFiles() throws Exception {
    Path gz = dir.resolve("feed.xml.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(
          Files.readAllBytes(SharedData.feeds().resolve("cnbc-international-top-news.rss.xml")));
    }
    Path bad = dir.resolve("bad.xml");
    Files.writeString(bad, "<html><body>not a feed</body></html>");
    Run r = run("parse-feed", gz.toString(), bad.toString(), dir.resolve("missing.xml").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.lines()).hasSize(30);
    assertThat(r.lines().get(0).get("published").asText()).isEqualTo("2026-03-08T23:58:37Z");
    assertThat(r.err())
        .contains(bad + ": an HTML page, not a feed")
        .contains("missing.xml: cannot read");
  }

  @Test
  void usage() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            new ParseFeedSubcommand()
                .run(new String[] {"--help"}, new PrintStream(out), System.err))
        .isZero();
    assertThat(out.toString()).contains("Usage: ./finpulse ingest parse-feed FILE...");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("parse-feed"))
        .hasMessageContaining("name at least one feed file");
  }
}
