package com.finpulse.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.data.MixedEntityPairs;
import com.finpulse.model.task.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataOptionsTest {

  private static final String[] LABELS = {"negative", "neutral", "positive"};
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @TempDir Path tmp;

  /** 40 invented paragraphs of two companies each; every third one's companies disagree. */
  private Path entityCsv() throws Exception {
    List<String> lines = new ArrayList<>(List.of("text,entity,label"));
    for (int i = 0; i < 40; i++) {
      String a = "Alpha" + i;
      String b = "Beta" + i;
      String text = a + " reported results for week " + i + ". " + b + " also reported.";
      int la = i % 3;
      int lb = i % 3 == 0 ? 2 : la;
      lines.add("\"" + text + "\"," + a + "," + LABELS[la]);
      lines.add("\"" + text + "\"," + b + "," + LABELS[lb]);
    }
    Path p = tmp.resolve("entities.csv");
    Files.write(p, lines);
    return p;
  }

  private static TrainingDataOptions parse(String... argv) {
    return TrainingDataOptions.parse(CliArgs.parse(argv, List.of()));
  }

  @Test
  void mixedRowsAreRepeatedOnTheTrainingSideOnly() throws Exception {
    String csv = entityCsv().toString();
    TrainingDataOptions.Assembled plain = parse("--entity", csv).assemble(QUIET);
    TrainingDataOptions.Assembled more =
        parse("--entity", csv, "--entity-mixed-repeat", "3").assemble(QUIET);

    List<LabeledText> train = plain.train().get(Task.ENTITY);
    Set<String> mixed = MixedEntityPairs.mixedParagraphs(train);
    long mixedRows = train.stream().filter(x -> MixedEntityPairs.inMixed(x, mixed)).count();
    assertThat(mixedRows).isPositive();
    assertThat(more.train().get(Task.ENTITY)).hasSize(train.size() + 2 * (int) mixedRows);
    assertThat(more.dev()).isEqualTo(plain.dev());
  }

  @Test
  void generatedPairsComeFromTrainingParagraphsOnly() throws Exception {
    String csv = entityCsv().toString();
    TrainingDataOptions o = parse("--entity", csv, "--entity-mix", "30");
    TrainingDataOptions.Assembled a = o.assemble(QUIET);
    int before = a.train().get(Task.ENTITY).size();
    TrainingReport.DataFile mix = o.addEntityMix(a, x -> true, QUIET);

    List<LabeledText> generated =
        a.train().get(Task.ENTITY).stream()
            .filter(x -> x.source().equals(MixedEntityPairs.SOURCE))
            .toList();
    assertThat(generated).hasSize(120);
    assertThat(a.train().get(Task.ENTITY)).hasSize(before + 120);
    Set<String> devTargets =
        a.dev().get(Task.ENTITY).stream().map(LabeledText::target).collect(Collectors.toSet());
    assertThat(devTargets).isNotEmpty();
    for (LabeledText x : generated) {
      for (String t : devTargets) {
        assertThat(x.text()).doesNotContain(t + " ");
      }
    }
    assertThat(ModelBundle.json().valueToTree(mix).toString())
        .contains("\"role\":\"entity-mix\"", "\"pairs\":30");
  }

  @Test
  void mixOptionsNeedEntityData() {
    assertThatThrownBy(() -> parse("--news", "x.csv", "--entity-mix", "5"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("need --entity");
  }

  @Test
  void sentimentSampleKeepsEveryDevRowAndAHashedShareOfTheTrainingRows() throws Exception {
    StringBuilder sb = new StringBuilder("text,label\n");
    for (int i = 0; i < 2000; i++) {
      sb.append("Acme tweet number ").append(i).append(" about shares,").append(i % 3).append('\n');
    }
    Path csv = Files.writeString(tmp.resolve("sent.csv"), sb);
    TrainingDataOptions.Assembled whole = parse("--sentiment", csv.toString()).assemble(QUIET);
    TrainingDataOptions.Assembled part =
        parse("--sentiment", csv.toString(), "--sentiment-sample", "0.3").assemble(QUIET);
    TrainingDataOptions.Assembled again =
        parse("--sentiment", csv.toString(), "--sentiment-sample", "0.3").assemble(QUIET);

    assertThat(part.dev().get(Task.SENTIMENT)).isEqualTo(whole.dev().get(Task.SENTIMENT));
    List<LabeledText> all = whole.train().get(Task.SENTIMENT);
    List<LabeledText> kept = part.train().get(Task.SENTIMENT);
    assertThat(all).containsAll(kept);
    assertThat(kept.size()).isBetween((int) (0.25 * all.size()), (int) (0.35 * all.size()));
    assertThat(again.train().get(Task.SENTIMENT)).isEqualTo(kept);
  }

  @Test
  void aSentimentSampleOutsideZeroToOneIsAUsageError() {
    assertThatThrownBy(
            () -> parse("--sentiment", "x.csv", "--sentiment-sample", "0").assemble(QUIET))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--sentiment-sample");
  }
}
