package com.finpulse.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.common.cli.UsageException;
import com.finpulse.model.testing.FeedbackCsv;
import com.finpulse.model.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retraining the tiny model from analysts' corrections into a registry version. */
class FeedbackTrainingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-12-04T08:00:00Z");

  @TempDir Path tmp;

  @Test
  void correctionsMoveTheModelAndTheRunIsARegistryVersion() throws Exception {
    Path init = TinyModels.untrainedModel(tmp);
    Path base = tmp.resolve("tiny-base");
    Path extra =
        ModelCommandTest.extraCsv(
            tmp.resolve("extra.csv"),
            12,
            "Initech plunges %d,negative,sentiment",
            "Initech files report %d,neutral,sentiment",
            "Initech soars %d,positive,sentiment",
            "Initech oil prices %d,Energy | Oil,topic",
            "Initech quarterly earnings %d,Earnings,topic");
    // The analysts say these buybacks are bad news; the untrained model calls them positive.
    FeedbackCsv fb = new FeedbackCsv();
    for (int i = 0; i < 10; i++) {
      String text = "Acme announces share buyback " + i;
      fb.row("a" + i, "sentiment", "", "negative", T.plusSeconds(60L * i), text);
    }
    fb.row("t1", "topic", "", "Dividend", T.minusSeconds(5), "Acme raises its dividend");
    fb.row(
        "e1", "entity", "ACME", "positive", T.minusSeconds(4), "ACME buyback while Hooli slumps");
    Path feedback = fb.write(tmp.resolve("feedback.csv"));
    Path registry = tmp.resolve("registry");

    ModelCommandTest.Run r =
        ModelCommandTest.run(
            new ModelCommand(),
            "train",
            "--base",
            base.toString(),
            "--init",
            init.toString(),
            "--extra",
            extra.toString(),
            "--feedback",
            feedback.toString(),
            "--registry",
            registry.toString(),
            "--lora-rank",
            "4",
            "--lora-alpha",
            "8",
            "--lora-targets",
            "q,v,o",
            "--train-layer-norms",
            "--max-length",
            "32",
            "--batch-size",
            "16",
            "--lr",
            "5e-3",
            "--head-lr",
            "5e-3",
            "--dropout",
            "0",
            "--dev-fraction",
            "0.25",
            "--epochs",
            "8",
            "--patience",
            "8");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("12 correction(s), 10 trained (x4), 2 held out");

    Path v1 = registry.resolve("v1");
    JsonNode training = JSON.readTree(v1.resolve("model.json").toFile()).get("training");
    assertThat(training.at("/registry/version").asText()).isEqualTo("v1");
    assertThat(training.at("/registry/parent").asText()).isEqualTo(init.toString());
    assertThat(Instant.parse(training.at("/registry/created").asText())).isAfter(T);
    assertThat(training.get("command").asText()).contains("--feedback " + feedback);
    JsonNode fbData = training.get("data").get(1);
    assertThat(fbData.get("role").asText()).isEqualTo("feedback");
    assertThat(fbData.get("sha256").asText()).hasSize(64);
    assertThat(fbData.get("dev_rows").asInt()).isEqualTo(2);
    assertThat(fbData.get("repeat").asInt()).isEqualTo(4);
    assertThat(training.get("epochs").get(0).has("dev_sentiment")).isTrue();

    JsonNode agreement = training.get("feedback_agreement");
    assertThat(agreement.at("/before/n").asInt()).isEqualTo(2);
    assertThat(agreement.at("/after/n").asInt()).isEqualTo(2);
    assertThat(agreement.at("/after/by_task/sentiment/n").asInt()).isEqualTo(2);
    double trainedBefore = agreement.at("/trained_before/accuracy").asDouble();
    double trainedAfter = agreement.at("/trained_after/accuracy").asDouble();
    assertThat(trainedAfter)
        .as("the trained corrections moved towards the analysts' labels\n" + r.err())
        .isGreaterThan(trainedBefore)
        .isGreaterThanOrEqualTo(0.75);
    assertThat(agreement.at("/after/accuracy").asDouble())
        .as("the held-out buyback corrections, never trained on")
        .isGreaterThan(agreement.at("/before/accuracy").asDouble());

    ModelCommandTest.Run list =
        ModelCommandTest.run(
            new ModelCommand(), "registry", "list", "--registry", registry.toString());
    assertThat(list.out()).contains("VERSION").containsPattern("v1 .*" + init.getFileName());

    // A named version that exists is refused.
    Files.createDirectories(registry.resolve("v2-named"));
    String again =
        "train --base " + base + " --extra " + extra + " --registry " + registry + " --version";
    assertThatThrownBy(
            () -> ModelCommandTest.run(new ModelCommand(), (again + " v2-named").split(" ")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'v2-named' exists");
  }
}
