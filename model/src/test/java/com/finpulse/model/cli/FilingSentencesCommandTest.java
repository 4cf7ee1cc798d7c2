package com.finpulse.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.cli.UsageException;
import com.finpulse.model.data.CsvTable;
import com.finpulse.model.data.LabelMap;
import com.finpulse.model.data.LabeledCsv;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilingSentencesCommandTest {

  @TempDir Path tmp;

  private void filing(Path file, String registrant, int region, int n) throws Exception {
    StringBuilder sb = new StringBuilder("<html><body><p><ix:nonNumeric ");
    sb.append("name=\"dei:EntityRegistrantName\">").append(registrant).append("</ix:nonNumeric>");
    for (int i = 0; i < n; i++) {
      sb.append("<p>Net sales increased ")
          .append(i + 2)
          .append("% to $9.")
          .append(i)
          .append(" million, with \"record\" units, in region ")
          .append(region)
          .append(" in 2024.</p>")
          .append("<p>Operating income decreased ")
          .append(i + 3)
          .append("% in region ")
          .append(region)
          .append(" in 2024.</p>")
          .append("<table><tr><td>Net sales</td><td>")
          .append(i)
          .append("</td></tr></table>")
          .append("<p>The Company leases ")
          .append(i + 4)
          .append(" offices in region ")
          .append(region)
          .append(" as of 2024.</p>");
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb.append("</body></html>"));
  }

  @Test
  void writesTrainAndDevCsvsThatTrainingAndEvalReadSplitByCompany() throws Exception {
    Path src = tmp.resolve("src");
    for (int c = 0; c < 12; c++) {
      filing(
          src.resolve("c" + c).resolve("10-k.htm"), "Company " + (char) ('A' + c) + " Inc.", c, 3);
    }
    Path out = tmp.resolve("out");
    ModelCommandTest.Run r =
        ModelCommandTest.run(
            new ModelCommand(),
            "filing-sentences",
            "--source",
            src.toString(),
            "--out",
            out.toString(),
            "--dev-fraction",
            "0.3");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("train").contains("dev").contains("result-up=");

    LabelMap names = LabelMap.parse(null, Task.SENTIMENT.defaultLabels());
    Path train = out.resolve("filing-sentences-train.csv");
    Path dev = out.resolve("filing-sentences-dev.csv");
    List<LabeledText> trainRows =
        LabeledCsv.read(train, Task.SENTIMENT, "text", "label", null, t -> names);
    List<LabeledText> devRows =
        LabeledCsv.read(dev, Task.SENTIMENT, "text", "label", null, t -> names);
    assertThat(trainRows.size() + devRows.size()).isEqualTo(12 * 3 * 3);
    assertThat(
            java.util.stream.Stream.concat(trainRows.stream(), devRows.stream())
                .map(LabeledText::text))
        .contains(
            "Net sales increased 2% to $9.0 million, with \"record\" units, in region 0 in 2024.");
    assertThat(CsvTable.read(train).header())
        .containsExactly("text", "label", "company", "rule", "file");

    Set<String> trainCompanies = new HashSet<>();
    CsvTable.read(train).rows().forEach(row -> trainCompanies.add(row.get(2)));
    Set<String> devCompanies = new HashSet<>();
    CsvTable.read(dev).rows().forEach(row -> devCompanies.add(row.get(2)));
    assertThat(devCompanies).isNotEmpty().doesNotContainAnyElementsOf(trainCompanies);
  }

  @Test
  void aSourceWithoutLabelledSentencesOrWithoutSourceIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(
            () ->
                ModelCommandTest.run(
                    new ModelCommand(),
                    "filing-sentences",
                    "--source",
                    empty.toString(),
                    "--out",
                    tmp.resolve("o").toString()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no sentence");
    assertThatThrownBy(
            () -> ModelCommandTest.run(new ModelCommand(), "filing-sentences", "--out", "x"))
        .isInstanceOf(UsageException.class);
  }
}
