package com.finpulse.bench.pipeline;

import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Real headlines for the benchmark: the Benzinga analyst-ratings sample in the shared data
 * directory ({@code analyst_ratings_sample_by_time_utc.csv}: published_at_utc,
 * published_at_original, ticker, headline, source_row_index). Its licence allows internal load
 * tests only; it is read in place, never copied.
 */
public final class BenchHeadlines {

  /** One headline and the ticker it was filed under. */
  public record Headline(String ticker, String title) {}

  /** The source name of the articles made from the headlines. */
  public static final String SOURCE = "benzinga-replay";

  static final String RELATIVE_PATH =
      "data/benzinga-analyst-ratings-headlines-sample/analyst_ratings_sample_by_time_utc.csv";

  private BenchHeadlines() {}

  /** The shared data directory: {@code -Dfinpulse.shared.dir}, else {@code <home>/../shared}. */
  public static Path defaultFile() {
    String shared = System.getProperty("finpulse.shared.dir");
    Path dir =
        shared != null
            ? Path.of(shared)
            : Path.of(System.getProperty("finpulse.home", ".")).resolve("..").resolve("shared");
    return dir.resolve(RELATIVE_PATH).toAbsolutePath().normalize();
  }

  /**
   * Headline {@code h} as an article published and fetched at {@code at}; {@code qualifier} makes
   * its id unique among the sent rows (the id is derived from title, time and qualifier).
   */
  public static NewsArticle article(Headline h, Instant at, String qualifier) {
    return new NewsArticle(
        ArticleIds.fromContent(h.title(), at, qualifier),
        SOURCE,
        null,
        h.title(),
        null,
        at,
        at,
        "en",
        h.ticker().isBlank() ? List.of() : List.of(h.ticker()),
        null,
        ContentFingerprint.of(h.title(), null));
  }

  /** {@code a} as a news.raw record keyed by its id, timestamped with its fetch time. */
  public static ProducerRecord<byte[], byte[]> record(NewsArticle a) {
    return new ProducerRecord<>(
        Topics.NEWS_RAW,
        null,
        a.fetchedAt().toEpochMilli(),
        a.id().getBytes(StandardCharsets.UTF_8),
        EventSerdes.newsArticle().serialize(Topics.NEWS_RAW, a));
  }

  public static List<Headline> read(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException(
          "headline file "
              + file
              + " not found: pass --data FILE (a CSV with ticker and headline columns) or set"
              + " -Dfinpulse.shared.dir to the shared data directory");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Headline> out = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      List<String> fields = fields(lines.get(i));
      if (fields.size() >= 4 && !fields.get(3).isBlank()) {
        out.add(new Headline(fields.get(2).trim(), fields.get(3).trim()));
      }
    }
    if (out.isEmpty()) {
      throw new IOException(file + " holds no headline rows");
    }
    return out;
  }

  /** RFC 4180 fields of one line (quotes, doubled quotes inside quotes). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
