package com.finpulse.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.model.testing.TinyModels;
import com.finpulse.model.weights.Tensor;
import com.finpulse.model.weights.WeightsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightSpaceBlendTest {

  private static final String Q = "encoder.layer.0.attention.self.query";
  private static final int IN = 6;
  private static final int OUT = 5;

  @Test
  void theBlendedAdapterIsExactlyTheInterpolatedDelta() {
    // different ranks and scales on the two sides
    Map<String, Tensor> from = model(2, 1, false);
    Map<String, Tensor> to = model(3, 2, true);
    ModelManifest fm = manifest(2, 8.0, "base-sha");
    ModelManifest tm = manifest(3, 3.0, "base-sha");
    double w = 0.3;
    WeightSpaceBlend.Result r = WeightSpaceBlend.blend(fm, from, tm, to, w);

    assertThat(r.lora().rank()).isEqualTo(5);
    double s = r.lora().alpha() / r.lora().rank();
    float[][] blended = delta(r.tensors(), s);
    float[][] d1 = delta(from, 8.0 / 2);
    float[][] d2 = delta(to, 3.0 / 3);
    for (int i = 0; i < OUT; i++) {
      for (int j = 0; j < IN; j++) {
        assertThat((double) blended[i][j])
            .isCloseTo(
                (1 - w) * d1[i][j] + w * d2[i][j], org.assertj.core.data.Offset.offset(1e-5));
      }
    }
    // shared tensors are interpolated, a head only the target has is kept
    float ln = r.tensors().get("embeddings.LayerNorm.weight").data()[0];
    assertThat((double) ln)
        .isCloseTo(
            (1 - w) * from.get("embeddings.LayerNorm.weight").data()[0]
                + w * to.get("embeddings.LayerNorm.weight").data()[0],
            org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.tensors().get("heads.entity.weight").data())
        .containsExactly(to.get("heads.entity.weight").data());
  }

  @Test
  void weightZeroAndOneGiveTheEndModels() {
    Map<String, Tensor> from = model(2, 1, false);
    Map<String, Tensor> to = model(2, 2, true);
    ModelManifest m = manifest(2, 4.0, "base-sha");
    float[][] d1 = delta(from, 2.0);
    float[][] d0 = delta(WeightSpaceBlend.blend(m, from, m, to, 0).tensors(), 2.0);
    assertThat(d0[1][2]).isCloseTo(d1[1][2], org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void modelsOfDifferentBasesOrAdaptersAreRefused() {
    Map<String, Tensor> a = model(2, 1, false);
    Map<String, Tensor> b = model(2, 2, true);
    assertThatThrownBy(
            () ->
                WeightSpaceBlend.blend(
                    manifest(2, 4.0, "one"), a, manifest(2, 4.0, "other"), b, 0.5))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("different bases");
    assertThatThrownBy(
            () -> WeightSpaceBlend.blend(manifest(2, 4, "x"), b, manifest(2, 4, "x"), a, 0.5))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("heads.entity.weight");
    assertThatThrownBy(
            () -> WeightSpaceBlend.blend(manifest(2, 4, "x"), a, manifest(2, 4, "x"), b, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** scale x B A of the query adapter, as [OUT][IN]. */
  private static float[][] delta(Map<String, Tensor> t, double scale) {
    Tensor a = t.get(Q + ".lora_A.weight");
    Tensor b = t.get(Q + ".lora_B.weight");
    int r = (int) a.shape()[0];
    float[][] d = new float[OUT][IN];
    for (int i = 0; i < OUT; i++) {
      for (int j = 0; j < IN; j++) {
        double sum = 0;
        for (int k = 0; k < r; k++) {
          sum += b.data()[i * r + k] * a.data()[k * IN + j];
        }
        d[i][j] = (float) (scale * sum);
      }
    }
    return d;
  }

  private static Map<String, Tensor> model(int rank, long seed, boolean entityHead) {
    Random rnd = new Random(seed);
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put(Q + ".lora_A.weight", random(rnd, rank, IN));
    t.put(Q + ".lora_B.weight", random(rnd, OUT, rank));
    t.put("embeddings.LayerNorm.weight", random(rnd, 1, IN));
    t.put("heads.sentiment.weight", random(rnd, 3, IN));
    if (entityHead) {
      t.put("heads.entity.weight", random(rnd, 3, IN));
    }
    return t;
  }

  private static Tensor random(Random rnd, int rows, int cols) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) rnd.nextGaussian();
    }
    return rows == 1 ? new Tensor(new long[] {cols}, d) : new Tensor(new long[] {rows, cols}, d);
  }

  private static ModelManifest manifest(int rank, double alpha, String baseSha) {
    return new ModelManifest(
        ModelManifest.FORMAT,
        "m",
        new ModelManifest.Base("tiny", null, null, baseSha),
        TinyModels.CONFIG,
        64,
        "mean",
        "v1",
        new ModelManifest.Lora(rank, alpha, "q"),
        false,
        true,
        null,
        null,
        Map.of("sentiment", List.of("negative", "neutral", "positive")),
        null,
        null,
        null);
  }
}
