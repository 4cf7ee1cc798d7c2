package com.finpulse.ingest.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.finpulse.ingest.config.ReplaySettings;
import com.finpulse.ingest.feed.FeedDates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a replay file, CSV with a header row or JSONL ({@code .jsonl}, {@code .ndjson}; {@code .gz}
 * of either accepted), into rows sorted by timestamp (stably: rows of one instant keep file order).
 * A row without a readable timestamp or headline is skipped and counted, never fatal.
 */
public final class ReplayFile {

  /**
   * One replayable row.
   *
   * @param line where it starts in the file (1-based, header = 1 for CSV)
   * @param tickers upper-case symbols from the ticker column
   */
  public record Row(
      long line,
      Instant published,
      String title,
      @Nullable String body,
      List<String> tickers,
      @Nullable String url) {}

  /**
   * The file's rows.
   *
   * @param rows in timestamp order
   * @param skipped rows that could not be read
   * @param problems the first few skipped rows, {@code line N: why}
   * @param inFileOrder whether the file was already in timestamp order
   */
  public record Loaded(
      List<Row> rows,
      ReplayColumns columns,
      int skipped,
      List<String> problems,
      boolean inFileOrder) {}

  private static final int MAX_PROBLEMS = 5;
  private static final int HEAD_BYTES = 8192;

  private ReplayFile() {}

  public static Loaded load(Path file, ReplaySettings.Columns explicit)
      throws ReplayException, IOException {
    if (!Files.isRegularFile(file)) {
      throw new ReplayException("replay file " + file + " does not exist or is not a file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            new java.io.BufferedInputStream(
                name.endsWith(".gz") ? new GZIPInputStream(raw) : raw, 1 << 16);
        Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      in.mark(HEAD_BYTES);
      byte[] head = new byte[HEAD_BYTES];
      int n = in.readNBytes(head, 0, HEAD_BYTES);
      in.reset();
      if (Printable.looksBinary(head, n)) {
        boolean gzip = n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        throw new ReplayException(
            "replay file "
                + file
                + " is not a CSV or JSONL text file: its first bytes are binary data"
                + (gzip ? " (gzip-compressed: name it with a .gz suffix)" : ""));
      }
      Loaded loaded =
          plain.endsWith(".jsonl") || plain.endsWith(".ndjson") || plain.endsWith(".json")
              ? jsonl(reader, explicit)
              : csv(reader, explicit);
      return loaded;
    } catch (NoSuchFileException e) {
      throw new ReplayException("replay file " + file + " does not exist", e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // what the row loop cannot skip: no header line (an empty file), a header it cannot read
      throw new ReplayException(
          "replay file "
              + file
              + " has no readable header line ("
              + firstLine(e.getOriginalMessage())
              + ")",
          e);
    }
  }

  private static Loaded csv(Reader reader, ReplaySettings.Columns explicit)
      throws IOException, ReplayException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE);
    mapper.enable(CsvParser.Feature.ALLOW_TRAILING_COMMA);
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    Collector c = new Collector();
    try (MappingIterator<Map<String, String>> it =
        mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
      ReplayColumns columns = null;
      long lastLine = -1;
      while (true) {
        Map<String, String> row;
        long line;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          line = it.getCurrentLocation().getLineNr();
          row = it.nextValue();
        } catch (RuntimeException | JsonProcessingException e) {
          long at = it.getCurrentLocation().getLineNr();
          c.skip(at, "unreadable CSV (" + firstLine(e.getMessage()) + ")");
          if (at <= lastLine) {
            break;
          }
          lastLine = at;
          continue;
        }
        if (columns == null) {
          CsvSchema header = (CsvSchema) it.getParserSchema();
          List<String> names = new ArrayList<>();
          header.forEach(col -> names.add(col.getName()));
          columns = ReplayColumns.resolve(names, explicit);
        }
        c.add(line, columns, row::get);
      }
      if (columns == null) {
        throw new ReplayException("the CSV file has no header row or no data rows");
      }
      return c.finish(columns);
    }
  }

  private static Loaded jsonl(Reader reader, ReplaySettings.Columns explicit)
      throws IOException, ReplayException {
    ObjectMapper mapper = new ObjectMapper();
    Collector c = new Collector();
    ReplayColumns columns = null;
    BufferedReader lines = (BufferedReader) reader;
    String text;
    long lineNo = 0;
    while ((text = lines.readLine()) != null) {
      lineNo++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = mapper.readTree(text);
      } catch (JsonProcessingException e) {
        c.skip(lineNo, "not JSON (" + firstLine(e.getOriginalMessage()) + ")");
        continue;
      }
      if (!node.isObject()) {
        c.skip(lineNo, "not a JSON object");
        continue;
      }
      if (columns == null) {
        List<String> keys = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(keys::add);
        columns = ReplayColumns.resolve(keys, explicit);
      }
      JsonNode obj = node;
      c.add(lineNo, columns, key -> text(obj.get(key)));
    }
    if (columns == null) {
      throw new ReplayException("the JSONL file has no objects");
    }
    return c.finish(columns);
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(e -> parts.add(e.asText()));
      return String.join(",", parts);
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "?";
    }
    int cut = s.indexOf('\n');
    return cut > 0 ? s.substring(0, cut) : s;
  }

  /** Builds rows, counting the unreadable ones. */
  private static final class Collector {
    final List<Row> rows = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    int skipped;
    boolean ordered = true;
    Instant last = Instant.MIN;

    void skip(long line, String why) {
      skipped++;
      if (problems.size() < MAX_PROBLEMS) {
        problems.add("line " + line + ": " + Printable.of(why, 200));
      }
    }

    void add(long line, ReplayColumns columns, java.util.function.Function<String, String> get) {
      String ts = get.apply(columns.published());
      Instant published = FeedDates.parse(ts);
      if (published == null) {
        skip(
            line,
            ts == null || ts.isBlank()
                ? "no timestamp"
                : "unreadable timestamp '" + Printable.of(ts) + "'");
        return;
      }
      String title = blankToNull(get.apply(columns.title()));
      if (title == null) {
        skip(line, "no headline");
        return;
      }
      if (published.isBefore(last)) {
        ordered = false;
      }
      last = published;
      rows.add(
          new Row(
              line,
              published,
              title,
              columns.body() == null ? null : blankToNull(get.apply(columns.body())),
              columns.ticker() == null ? List.of() : tickers(get.apply(columns.ticker())),
              columns.url() == null ? null : blankToNull(get.apply(columns.url()))));
    }

    Loaded finish(ReplayColumns columns) {
      if (!ordered) {
        rows.sort(Comparator.comparing(Row::published));
      }
      return new Loaded(List.copyOf(rows), columns, skipped, List.copyOf(problems), ordered);
    }
  }

  static List<String> tickers(@Nullable String cell) {
    if (cell == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String t : cell.split("[,;|\\s]+")) {
      String s = t.strip().replace("$", "").toUpperCase(Locale.ROOT);
      int colon = s.lastIndexOf(':');
      if (colon >= 0) {
        s = s.substring(colon + 1);
      }
      if (s.matches("[A-Z0-9.\\-]{1,12}")) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
