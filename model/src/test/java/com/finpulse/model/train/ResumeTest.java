package com.finpulse.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

  @TempDir Path tmp;

  @Test
  void aResumedRunGoesOnFromTheSavedEpochWithTheSameDataOrder() {
    Path straight = tmp.resolve("straight");
    Trainer.Result whole = TinyModels.trainTiny(tmp, straight, TinyModels.config(3), false);
    assertThat(whole.epochs()).hasSize(3);

    Path split = tmp.resolve("split");
    Trainer.Result first = TinyModels.trainTiny(tmp, split, TinyModels.config(3, 1), false);
    assertThat(first.epochs()).as("the first sitting stops after epoch 1").hasSize(1);
    assertThat(Files.isRegularFile(split.resolve(".resume/state.json"))).isTrue();

    Trainer.Result rest = TinyModels.trainTiny(tmp, split, TinyModels.config(3), true);
    assertThat(rest.epochs()).extracting(Trainer.EpochResult::epoch).containsExactly(2, 3);

    assertThat(plans(split)).as("batch plans of every epoch").isEqualTo(plans(straight));
    // No dropout in the tiny run: the same order and optimizer state give the same path.
    for (int i = 0; i < 2; i++) {
      assertThat(rest.epochs().get(i).trainLoss())
          .isCloseTo(
              whole.epochs().get(i + 1).trainLoss(), org.assertj.core.data.Offset.offset(2e-3));
    }
  }

  @Test
  void aResumeWithOtherSettingsOrNothingToResumeIsRefused() {
    Path out = tmp.resolve("m");
    assertThatThrownBy(() -> TinyModels.trainTiny(tmp, out, TinyModels.config(2), true))
        .hasMessageContaining("no finished epoch to resume from");
    TinyModels.trainTiny(tmp, out, TinyModels.config(2, 1), false);
    assertThatThrownBy(() -> TinyModels.trainTiny(tmp, out, TinyModels.config(4), true))
        .hasMessageContaining("other data or settings");
  }

  private static List<String> plans(Path model) {
    List<String> out = new ArrayList<>();
    for (TrainingReport.Epoch e : ModelBundle.readManifest(model).training().epochs()) {
      out.add(e.batchPlan());
    }
    // The manifest holds the epochs up to the best one; the checkpoint holds them all.
    try {
      JsonNode state = ModelBundle.json().readTree(model.resolve(".resume/state.json").toFile());
      out.clear();
      for (JsonNode e : state.path("epochs")) {
        out.add(e.path("batch_plan").asText());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }
}
