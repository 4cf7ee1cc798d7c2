package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.text.CsvCell;
import com.finpulse.model.data.FilingSentences;
import com.finpulse.model.data.ResultSentenceRules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code ./finpulse model filing-sentences}: weak-labelled sentences from filing documents. */
final class FilingSentencesCommand {

  static final String USAGE =
      """
      Usage: ./finpulse model filing-sentences --source DIR [--source DIR ...] --out DIR
                                               [--dev-fraction F] [--neutral-ratio R] [--seed N]

        Reads every .htm/.html filing document under each --source (EDGAR 10-K, 10-Q, 8-K and
        press-release exhibits), splits its narrative text (tables left out) into sentences and
        labels those the rules are sure of by what they say about results: a result metric up is
        positive and down negative, a cost or loss the other way round, a metric without a
        direction or a plain fact neutral; hedged, negated, contrasted or number-less sentences
        are left out. Writes DIR/filing-sentences-train.csv and DIR/filing-sentences-dev.csv
        (columns text,label,company,rule,file), split by company, for ./finpulse model train
        --extra and ./finpulse model eval. Keep DIR outside the repository: the text is the
        filers', the licence of where you got it applies.

        --dev-fraction F   share of companies held out, by a hash of the registrant, default 0.2
        --neutral-ratio R  neutral sentences per positive or negative one, default 1
        --seed N           default 42
      """;

  static final List<String> COLUMNS = List.of("text", "label", "company", "rule", "file");

  int run(String[] argv, PrintStream out) throws IOException {
    CliArgs a = CliArgs.parse(argv, List.of("help"));
    if (a.flag("help")) {
      out.print(USAGE);
      return 0;
    }
    List<Path> sources = a.all("source").stream().map(Path::of).toList();
    Path outDir = Path.of(a.require("out"));
    double devFraction = a.doubleValue("dev-fraction", 0.2);
    double neutralRatio = a.doubleValue("neutral-ratio", 1.0);
    long seed = a.intValue("seed", 42);
    a.rejectUnknown();
    if (sources.isEmpty()) {
      throw new UsageException("give at least one --source DIR");
    }
    if (!(devFraction >= 0 && devFraction < 1) || !(neutralRatio >= 0)) {
      throw new UsageException("--dev-fraction must be in [0, 1) and --neutral-ratio at least 0");
    }
    List<FilingSentences.Row> rows = FilingSentences.label(sources, neutralRatio, seed);
    if (rows.isEmpty()) {
      throw new UsageException("no sentence under " + sources + " was labelled");
    }
    FilingSentences.Split split = FilingSentences.split(rows, devFraction, seed);
    Files.createDirectories(outDir);
    write(outDir.resolve("filing-sentences-train.csv"), split.train());
    write(outDir.resolve("filing-sentences-dev.csv"), split.dev());
    report(out, "train", split.train());
    report(out, "dev", split.dev());
    out.printf("wrote %s%n", outDir.resolve("filing-sentences-{train,dev}.csv"));
    return 0;
  }

  private static void write(Path file, List<FilingSentences.Row> rows) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (FilingSentences.Row r : rows) {
      sb.append(
              List.of(r.text(), r.label(), r.company(), r.rule().id(), r.file()).stream()
                  .map(CsvCell::of)
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private static void report(PrintStream out, String side, List<FilingSentences.Row> rows) {
    Map<ResultSentenceRules.Rule, Long> byRule = new EnumMap<>(ResultSentenceRules.Rule.class);
    Map<String, Long> byLabel = new TreeMap<>();
    for (FilingSentences.Row r : rows) {
      byRule.merge(r.rule(), 1L, Long::sum);
      byLabel.merge(r.label(), 1L, Long::sum);
    }
    long companies = rows.stream().map(FilingSentences.Row::company).distinct().count();
    out.printf(
        "%-5s %5d sentences from %d companies; by label %s; by rule %s%n",
        side,
        rows.size(),
        companies,
        byLabel,
        byRule.entrySet().stream()
            .map(e -> e.getKey().id() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "{", "}")));
  }
}
