package com.finpulse.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.common.serde.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractSubcommandTest {

  private static final String PAGE =
      """
      <html lang="en"><head><title>Acme beats estimates | Example Wire</title>
      <meta property="og:site_name" content="Example Wire">
      <meta property="article:published_time" content="2024-05-02T13:30:00Z">
      <link rel="canonical" href="https://wire.example/acme-beats"></head>
      <body><article><h1>Acme beats estimates</h1>
      <p>Acme Corp (NYSE: ACME) reported quarterly earnings above analysts' estimates on Thursday,
      sending its shares up 8% in early trading, and raised its outlook for the year.</p>
      <p>Rival Goldman Sachs analysts said the results showed that demand had held up well.</p>
      </article></body></html>""";

  @Test
  void printsOneJsonLinePerFileInTheDocumentedShape(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("a.html");
    Files.writeString(html, PAGE);
    Path gz = dir.resolve("b.html.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(PAGE.getBytes(StandardCharsets.UTF_8));
    }
    Result r = run(html.toString(), gz.toString());

    assertThat(r.code).isZero();
    assertThat(r.err).isEmpty();
    assertThat(r.lines).hasSize(2);
    JsonNode line = JsonCodec.mapper().readTree(r.lines.get(0));
    List<String> fields = new ArrayList<>();
    line.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "file", "title", "published", "text", "canonical_url", "language", "tickers");
    assertThat(line.get("file").asText()).isEqualTo(html.toString());
    assertThat(line.get("title").asText()).isEqualTo("Acme beats estimates");
    assertThat(line.get("published").asText()).isEqualTo("2024-05-02T13:30:00Z");
    assertThat(line.get("text").asText())
        .startsWith("Acme Corp (NYSE: ACME) reported")
        .contains("\n\nRival Goldman Sachs");
    assertThat(line.get("canonical_url").asText()).isEqualTo("https://wire.example/acme-beats");
    assertThat(line.get("language").asText()).isEqualTo("en");
    assertThat(line.get("tickers")).hasSize(2);
    assertThat(line.get("tickers").get(0).asText()).isEqualTo("ACME");
    assertThat(line.get("tickers").get(1).asText()).isEqualTo("GS");
    assertThat(JsonCodec.mapper().readTree(r.lines.get(1)).get("title").asText())
        .isEqualTo("Acme beats estimates");
  }

  @Test
  void unknownPublishTimeIsNull(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("nodate.html");
    Files.writeString(
        html,
        "<html><head><title>Undated</title></head><body><p>Some words of text here.</p></body></html>");
    Result r = run(html.toString());
    JsonNode line = JsonCodec.mapper().readTree(r.lines.get(0));
    assertThat(line.get("published").isNull()).isTrue();
    assertThat(line.get("canonical_url").isNull()).isTrue();
  }

  @Test
  void badFilesAreReportedAndTheRestGoesOn(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("empty.html");
    Files.write(empty, new byte[0]);
    Path notGzip = dir.resolve("broken.html.gz");
    Files.writeString(notGzip, "not gzip at all");
    Path good = dir.resolve("good.html");
    Files.writeString(good, PAGE);
    Result r =
        run(
            empty.toString(),
            dir.resolve("missing.html").toString(),
            notGzip.toString(),
            good.toString());

    assertThat(r.code).isEqualTo(1);
    assertThat(r.lines).hasSize(1);
    assertThat(r.lines.get(0)).contains("good.html");
    assertThat(r.err)
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).contains("empty.html").contains("empty page"))
        .anySatisfy(l -> assertThat(l).contains("missing.html").contains("no such file"))
        .anySatisfy(l -> assertThat(l).contains("broken.html.gz").contains("gzip"));
  }

  @Test
  void usageErrors() throws Exception {
    assertThat(run().code).isEqualTo(2);
    assertThat(run("--bogus", "x").code).isEqualTo(2);
    Result help = run("--help");
    assertThat(help.code).isZero();
    assertThat(String.join("\n", help.lines)).contains("Usage: ./finpulse ingest extract");
  }

  @Test
  void isRegisteredAsAnIngestSubcommand() {
    List<String> names = new ArrayList<>();
    java.util.ServiceLoader.load(IngestSubcommand.class).forEach(s -> names.add(s.name()));
    assertThat(names).contains("extract");
  }

  private record Result(int code, List<String> lines, List<String> err) {}

  private static Result run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new IngestCommand().run(prepend("extract", args), o, e);
    } catch (com.finpulse.common.cli.UsageException e) {
      code = 2;
    }
    return new Result(code, lines(out), lines(err));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static List<String> lines(ByteArrayOutputStream b) {
    String s = b.toString(StandardCharsets.UTF_8);
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }
}
