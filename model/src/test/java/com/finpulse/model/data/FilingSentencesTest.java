package com.finpulse.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.model.data.ResultSentenceRules.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilingSentencesTest {

  @TempDir Path dir;

  private void filing(String file, String registrant, String... paragraphs) throws Exception {
    StringBuilder sb = new StringBuilder("<html><body>");
    if (registrant != null) {
      sb.append("<p><ix:nonNumeric name=\"dei:EntityRegistrantName\">")
          .append(registrant)
          .append("</ix:nonNumeric></p>");
    }
    for (String p : paragraphs) {
      sb.append("<p>").append(p).append("</p>");
    }
    Path f = dir.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, sb.append("</body></html>"));
  }

  @Test
  void polarSentencesAreAllKeptNeutralsSampledLevelsFirstDuplicatesOnce() throws Exception {
    filing(
        "a/a-10-k.html",
        "Alpha Inc.",
        "Net sales increased 6% to $94.9 million in 2024.",
        "Operating income decreased 12% to $8.1 million in 2024.",
        "Revenue was $2.1 billion in the fourth quarter of 2024.",
        "The Company had about 1,200 employees on December 31, 2024.",
        "The Company leases 14 offices in 6 countries as of 2024.");
    filing("a/a-10-q.htm", null, "Net sales increased 6% to $94.9 million in 2024.");
    Files.writeString(dir.resolve("notes.txt"), "Net sales increased 9% to $5 million in 2024.");

    List<FilingSentences.Row> rows = FilingSentences.label(List.of(dir), 1.0, 42);
    assertThat(rows)
        .extracting(FilingSentences.Row::rule)
        .containsExactly(Rule.RESULT_UP, Rule.RESULT_DOWN, Rule.LEVEL, Rule.PLAIN);
    assertThat(rows.get(0).company()).isEqualTo("alpha");
    assertThat(rows.get(0).file()).isEqualTo(Path.of("a", "a-10-k.html").toString());
    assertThat(rows)
        .extracting(FilingSentences.Row::label)
        .containsExactly("positive", "negative", "neutral", "neutral");

    assertThat(FilingSentences.label(List.of(dir), 0.0, 42)).hasSize(2);
    assertThat(FilingSentences.label(List.of(dir), 1.0, 42))
        .isEqualTo(FilingSentences.label(List.of(dir), 1.0, 42));
  }

  @Test
  void theSplitKeepsEachCompanyOnOneSide() {
    List<FilingSentences.Row> rows =
        java.util.stream.IntStream.range(0, 400)
            .mapToObj(
                i ->
                    new FilingSentences.Row(
                        "s" + i, "neutral", "company " + (i % 40), Rule.PLAIN, "f" + i))
            .toList();
    FilingSentences.Split split = FilingSentences.split(rows, 0.25, 42);
    Set<String> train =
        split.train().stream().map(FilingSentences.Row::company).collect(Collectors.toSet());
    Set<String> dev =
        split.dev().stream().map(FilingSentences.Row::company).collect(Collectors.toSet());
    assertThat(train).doesNotContainAnyElementsOf(dev);
    assertThat(dev.size()).isBetween(4, 18);
    assertThat(split.train().size() + split.dev().size()).isEqualTo(400);
  }

  @Test
  void aMissingSourceIsAClearError() {
    assertThatThrownBy(() -> FilingSentences.documents(dir.resolve("absent")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("not a directory");
  }
}
