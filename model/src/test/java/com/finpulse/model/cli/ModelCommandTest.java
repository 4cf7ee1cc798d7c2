package com.finpulse.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.common.cli.UsageException;
import com.finpulse.model.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path model;

  @BeforeAll
  static void model() {
    model = TinyModels.untrainedModel(tmp);
  }

  @Test
  void evalJsonIsTheLastLineWithEveryField() throws Exception {
    Path csv = tmp.resolve("eval.csv");
    Files.writeString(
        csv, "headline,y\nAcme beats estimates,1\nAcme misses,0\n\"Fed holds, again\",2\n");
    Run r =
        run(
            new ModelCommand(),
            "eval",
            "--model",
            model.toString(),
            "--task",
            "sentiment",
            "--data",
            csv.toString(),
            "--text-col",
            "headline",
            "--label-col",
            "y",
            "--label-map",
            "0=negative,1=positive,2=neutral",
            "--json");
    assertThat(r.code).isZero();
    List<String> lines = r.out.lines().toList();
    assertThat(r.out).contains("accuracy").contains("confusion matrix");
    JsonNode j = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(j.get("task").asText()).isEqualTo("sentiment");
    assertThat(j.get("n").asInt()).isEqualTo(3);
    for (String k : List.of("accuracy", "macro_f1", "weighted_f1", "per_class", "confusion")) {
      assertThat(j.has(k)).as(k).isTrue();
    }
    assertThat(j.get("per_class").has("positive")).isTrue();
    assertThat(j.get("confusion").size()).isEqualTo(3);
  }

  @Test
  void predictPrintsOneJsonLinePerTextFromArgumentsOrStdin() throws Exception {
    Run r =
        run(new ModelCommand(), "predict", "--model", model.toString(), "Acme beats estimates", "");
    assertThat(r.code).isZero();
    List<String> lines = r.out.lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode j = JSON.readTree(lines.get(0));
    assertThat(j.get("text").asText()).isEqualTo("Acme beats estimates");
    assertThat(j.get("sentiment").asText()).isIn("negative", "neutral", "positive");
    assertThat(j.get("sentiment_score").asDouble()).isBetween(-1.0, 1.0);
    assertThat(j.get("sentiment_probabilities").size()).isEqualTo(3);
    assertThat(j.get("topic_probabilities").size()).isEqualTo(20);

    PredictCommand stdin =
        new PredictCommand(
            new ByteArrayInputStream("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            stdin.run(
                new String[] {"--model", model.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
  }

  @Test
  void trainAcceptsExtraDataWithATaskColumnAndWritesAModel() throws Exception {
    Path base = tmp.resolve("train-base");
    TinyModels.checkpoint(base, 2);
    Path extra =
        extraCsv(
            tmp.resolve("extra.csv"),
            30,
            "Acme surges %d,positive,sentiment",
            "Acme plunges %d,negative,sentiment",
            "Acme dividend %d,Dividend,topic");
    Path out = tmp.resolve("trained");
    Run r =
        run(
            new ModelCommand(),
            "train",
            "--base",
            base.toString(),
            "--extra",
            extra.toString(),
            "--out",
            out.toString(),
            "--epochs",
            "1",
            "--lora-rank",
            "2",
            "--max-length",
            "16",
            "--batch-size",
            "8");
    assertThat(r.code).as(r.err).isZero();
    assertThat(JSON.readTree(r.out.strip()).get("best_epoch").asInt()).isEqualTo(1);
    JsonNode manifest = JSON.readTree(out.resolve("model.json").toFile());
    assertThat(manifest.at("/training/data/0/role").asText()).isEqualTo("extra");
    assertThat(manifest.at("/training/command").asText())
        .startsWith("./finpulse model train --base");
    assertThat(manifest.at("/lora/rank").asInt()).isEqualTo(2);
  }

  @Test
  void usageErrorsAreReported() {
    assertThatThrownBy(
            () ->
                run(
                    new ModelCommand(),
                    "eval",
                    "--task",
                    "colour",
                    "--data",
                    "x",
                    "--text-col",
                    "a",
                    "--label-col",
                    "b"))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> run(new ModelCommand(), "predict", "--bogus", "1"))
        .isInstanceOf(UsageException.class);
  }

  record Run(int code, String out, String err) {}

  /** An {@code --extra} file: each row template (with {@code %d} for 0..n-1) written n times. */
  static Path extraCsv(Path file, int n, String... rows) throws java.io.IOException {
    StringBuilder sb = new StringBuilder("text,label,task\n");
    for (int i = 0; i < n; i++) {
      for (String row : rows) {
        sb.append(String.format(java.util.Locale.ROOT, row, i)).append('\n');
      }
    }
    return Files.writeString(file, sb);
  }

  static Run run(ModelCommand c, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        c.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
