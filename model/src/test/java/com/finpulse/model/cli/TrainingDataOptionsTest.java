package com.finpulse.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.task.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataOptionsTest {

  @TempDir Path tmp;

  private TrainingDataOptions.Assembled assemble(String... argv) {
    return TrainingDataOptions.parse(CliArgs.parse(argv, List.of()))
        .assemble(new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void sentimentSampleKeepsEveryDevRowAndAHashedShareOfTheTrainingRows() throws Exception {
    StringBuilder sb = new StringBuilder("text,label\n");
    for (int i = 0; i < 2000; i++) {
      sb.append("Acme tweet number ").append(i).append(" about shares,").append(i % 3).append('\n');
    }
    Path csv = Files.writeString(tmp.resolve("sent.csv"), sb);
    TrainingDataOptions.Assembled whole = assemble("--sentiment", csv.toString());
    TrainingDataOptions.Assembled part =
        assemble("--sentiment", csv.toString(), "--sentiment-sample", "0.3");
    TrainingDataOptions.Assembled again =
        assemble("--sentiment", csv.toString(), "--sentiment-sample", "0.3");

    assertThat(part.dev().get(Task.SENTIMENT)).isEqualTo(whole.dev().get(Task.SENTIMENT));
    List<LabeledText> all = whole.train().get(Task.SENTIMENT);
    List<LabeledText> kept = part.train().get(Task.SENTIMENT);
    assertThat(all).containsAll(kept);
    assertThat(kept.size()).isBetween((int) (0.25 * all.size()), (int) (0.35 * all.size()));
    assertThat(again.train().get(Task.SENTIMENT)).isEqualTo(kept);
  }

  @Test
  void aSentimentSampleOutsideZeroToOneIsAUsageError() {
    assertThatThrownBy(() -> assemble("--sentiment", "x.csv", "--sentiment-sample", "0"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--sentiment-sample");
  }
}
