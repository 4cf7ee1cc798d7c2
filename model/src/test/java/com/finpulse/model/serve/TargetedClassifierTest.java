package com.finpulse.model.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.eval.TemperatureScaling;
import com.finpulse.model.testing.TinyModels;
import com.finpulse.model.text.TargetedText;
import com.finpulse.model.weights.WeightsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetedClassifierTest {

  @TempDir static Path tmp;
  static Path modelDir;

  @BeforeAll
  static void model() {
    modelDir = TinyModels.untrainedModel(tmp);
  }

  private static Classifier load(Path dir) {
    return Classifiers.load(dir, ClassifierOptions.defaults().withDevice("cpu"));
  }

  @Test
  void awkwardTargetsGetPredictionsInOrder() {
    String longText = "word ".repeat(3_000) + "Nokia slumps";
    List<TargetedText> items = new ArrayList<>();
    items.add(TargetedText.of("Siemens rallies while Huhtamaki slumps", "Siemens"));
    items.add(TargetedText.of("Siemens rallies while Huhtamaki slumps", "Huhtamaki"));
    items.add(TargetedText.of("Siemens rallies while Huhtamaki slumps", "Nokia")); // absent
    items.add(TargetedText.of("Apple and apple and APPLE", "Apple", "AAPL")); // repeated
    items.add(TargetedText.of("Bank of America beats; America Movil misses", "America", "AMX"));
    items.add(TargetedText.of(longText, "Nokia")); // past the truncation point
    items.add(TargetedText.of("Société Générale et Nestlé reculent", "Société Générale"));
    items.add(TargetedText.of("", ""));
    items.add(new TargetedText(null, null));
    items.add(null);
    try (Classifier c = load(modelDir)) {
      assertThat(c.targeted()).isTrue();
      List<SentimentScores> out = c.classifyTargets(items);
      assertThat(out).hasSize(items.size());
      for (SentimentScores s : out) {
        assertThat(s.negative() + s.neutral() + s.positive()).isCloseTo(1.0, within(1e-4));
      }
      SentimentScores alone = c.classifyTargets(List.of(items.get(1))).get(0);
      assertThat(alone.negative()).isCloseTo(out.get(1).negative(), within(1e-5));
      assertThat(c.classifyTargets(List.of())).isEmpty();
    }
  }

  @Test
  void theStoredTemperatureScalesTheServedProbabilities() throws Exception {
    Path calibrated = tmp.resolve("calibrated");
    copy(modelDir, calibrated);
    ObjectNode json =
        (ObjectNode) ModelBundle.json().readTree(calibrated.resolve("model.json").toFile());
    ObjectNode cal = json.putObject("calibration");
    cal.putObject("sentiment").put("temperature", 0.25).put("dev_rows", 10);
    cal.putObject("entity").put("temperature", 4.0).put("dev_rows", 10);
    ModelBundle.json().writeValue(calibrated.resolve("model.json").toFile(), json);

    List<String> texts = List.of("Acme surges", "Globex plunges", "Initech files report");
    List<TargetedText> pairs = List.of(TargetedText.of("Acme surges while Globex plunges", "Acme"));
    try (Classifier raw = load(modelDir);
        Classifier scaled = load(calibrated)) {
      for (int i = 0; i < texts.size(); i++) {
        SentimentScores r = raw.classify(List.of(texts.get(i))).get(0).sentimentScores();
        SentimentScores s = scaled.classify(List.of(texts.get(i))).get(0).sentimentScores();
        float[] expected =
            TemperatureScaling.rescale(
                new float[][] {{(float) r.negative(), (float) r.neutral(), (float) r.positive()}},
                0.25)[0];
        assertThat(s.negative()).isCloseTo(expected[0], within(1e-4));
        assertThat(s.positive()).isCloseTo(expected[2], within(1e-4));
        assertThat(s.label()).isEqualTo(r.label()); // scaling never changes the verdict
      }
      SentimentScores r = raw.classifyTargets(pairs).get(0);
      SentimentScores s = scaled.classifyTargets(pairs).get(0);
      double spreadRaw = Math.max(r.negative(), Math.max(r.neutral(), r.positive()));
      double spreadScaled = Math.max(s.negative(), Math.max(s.neutral(), s.positive()));
      assertThat(spreadScaled).as("T=4 flattens the entity probabilities").isLessThan(spreadRaw);
    }
  }

  @Test
  void aNonPositiveTemperatureIsRefusedAtLoad() throws Exception {
    Path bad = tmp.resolve("bad-calibration");
    copy(modelDir, bad);
    ObjectNode json = (ObjectNode) ModelBundle.json().readTree(bad.resolve("model.json").toFile());
    json.putObject("calibration").putObject("topic").put("temperature", 0.0);
    ModelBundle.json().writeValue(bad.resolve("model.json").toFile(), json);
    assertThatThrownBy(() -> load(bad))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("calibration of topic");
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
