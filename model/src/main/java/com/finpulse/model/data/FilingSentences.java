package com.finpulse.model.data;

import com.finpulse.model.text.TextNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Weak-labelled sentences in the register of company results reporting, built from a directory of
 * filing documents (EDGAR HTML: 10-K, 10-Q, 8-K and their press-release exhibits) by {@link
 * ResultSentenceRules}. Every positive and negative sentence the rules are sure of is kept; neutral
 * ones are sampled to {@code neutralRatio} times their number, metric levels ("Revenue was $2.1
 * billion") before plain facts, each in an order fixed by a hash of the text and the seed. A
 * sentence seen before (the same near-duplicate key) is kept once. Rows are split by company (the
 * registrant), so a held-out company's filings never meet training.
 */
public final class FilingSentences {

  /** One labelled sentence, where it came from, and which rule labelled it. */
  public record Row(
      String text, String label, String company, ResultSentenceRules.Rule rule, String file) {}

  /** The rows of the training and the held-out companies. */
  public record Split(List<Row> train, List<Row> dev) {}

  private FilingSentences() {}

  /** The filing documents under {@code dir}: {@code .htm} and {@code .html} files, sorted. */
  public static List<Path> documents(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataException("not a directory: " + dir);
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".htm") || n.endsWith(".html");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Labels the sentences of every document under {@code dirs}. */
  public static List<Row> label(List<Path> dirs, double neutralRatio, long seed) {
    List<Row> polar = new ArrayList<>();
    List<Row> level = new ArrayList<>();
    List<Row> plain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path dir : dirs) {
      for (Path file : documents(dir)) {
        String html;
        try {
          html = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          html = readLatin1(file);
        }
        String stem = file.getFileName().toString().split("[.\\-_]")[0];
        FilingText doc = FilingText.parse(html, stem);
        String company = FilingText.companyKey(doc.registrant());
        String rel = dir.relativize(file).toString();
        for (String sentence : doc.sentences()) {
          Optional<ResultSentenceRules.Verdict> v = ResultSentenceRules.label(sentence);
          if (v.isEmpty() || !seen.add(TextNormalizer.nearDuplicateKey(sentence))) {
            continue;
          }
          Row row = new Row(sentence, v.get().label(), company, v.get().rule(), rel);
          switch (v.get().rule()) {
            case LEVEL -> level.add(row);
            case PLAIN -> plain.add(row);
            case RESULT_UP, RESULT_DOWN, COST_UP, COST_DOWN -> polar.add(row);
          }
        }
      }
    }
    int quota = (int) Math.round(neutralRatio * polar.size());
    List<Row> out = new ArrayList<>(polar);
    for (List<Row> neutral : List.of(level, plain)) {
      List<Row> sorted =
          neutral.stream()
              .sorted(Comparator.comparingLong(r -> DevSplit.hash(r.text(), seed)))
              .toList();
      int take = Math.min(sorted.size(), quota - (out.size() - polar.size()));
      out.addAll(sorted.subList(0, Math.max(0, take)));
    }
    return out;
  }

  /** Puts every company whose key hashes below {@code devFraction} on the held-out side. */
  public static Split split(List<Row> rows, double devFraction, long seed) {
    if (devFraction < 0 || devFraction >= 1) {
      throw new IllegalArgumentException("dev fraction must be in [0, 1), got " + devFraction);
    }
    List<Row> train = new ArrayList<>();
    List<Row> dev = new ArrayList<>();
    for (Row r : rows) {
      (DevSplit.inShare(r.company(), devFraction, seed) ? dev : train).add(r);
    }
    return new Split(train, dev);
  }

  private static String readLatin1(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
