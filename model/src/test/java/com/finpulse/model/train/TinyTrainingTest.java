package com.finpulse.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.task.Task;
import com.finpulse.model.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyTrainingTest {

  @TempDir Path tmp;

  @Test
  void lossFallsWeightsStayFiniteAndTheBestEpochIsSaved() {
    Path out = tmp.resolve("model");
    Trainer.Result r = TinyModels.trainTiny(tmp, out, 8);

    assertThat(r.epochs()).hasSize(8);
    double first = r.epochs().get(0).trainLoss();
    double last = r.epochs().get(r.epochs().size() - 1).trainLoss();
    assertThat(last).as("train loss falls").isLessThan(first * 0.7);
    assertThat(r.epochs().get(r.bestEpoch() - 1).dev().get(Task.SENTIMENT).accuracy())
        .as("dev sentiment accuracy on learnable toy data")
        .isGreaterThan(0.5);
    assertThat(Files.exists(out.resolve(ModelBundle.MANIFEST))).isTrue();
    assertThat(Files.exists(out.resolve(ModelBundle.WEIGHTS))).isTrue();

    ModelBundle.Loaded loaded = ModelBundle.load(out, Device.cpu());
    try (var net = loaded.network()) {
      assertThat(loaded.manifest().training().bestEpoch()).isEqualTo(r.bestEpoch());
      net.encoder()
          .adapters()
          .values()
          .forEach(
              ad -> {
                assertFinite(ad.a());
                assertFinite(ad.b());
                assertThat(ad.b().abs().sum().getFloat())
                    .as("LoRA B moved from zero")
                    .isGreaterThan(0f);
              });
      net.encoder().parameters().values().forEach(TinyTrainingTest::assertFinite);
    }
  }

  private static void assertFinite(NDArray a) {
    assertThat(a.isNaN().any().getBoolean()).isFalse();
    assertThat(a.isInfinite().any().getBoolean()).isFalse();
  }
}
