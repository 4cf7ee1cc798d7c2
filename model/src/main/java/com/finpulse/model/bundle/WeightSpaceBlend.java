package com.finpulse.model.bundle;

import com.finpulse.model.weights.Tensor;
import com.finpulse.model.weights.WeightsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Weight-space interpolation of two models fine-tuned from the same base (WiSE-FT, Wortsman et al.
 * 2022): {@code (1 - w) * from + w * to}, for the LoRA deltas, the trained LayerNorms and the heads
 * both models have. A fine-tune on a new domain (news) loses some of what its parent knew (tweets);
 * the interpolated model keeps most of both, at no training cost.
 *
 * <p>The LoRA deltas are blended exactly: {@code (1-w) s1 B1 A1 + w s2 B2 A2} is the rank {@code r1
 * + r2} adapter with {@code A = [A1; A2]} and {@code B = [(1-w) s1/s B1, w s2/s B2]} at scale
 * {@code s = s1}. A head only {@code to} has (the entity head of a news model) is kept as trained.
 */
public final class WeightSpaceBlend {

  private static final String LORA_A = ".lora_A.weight";
  private static final String LORA_B = ".lora_B.weight";

  /** The blended tensors and the adapter shape they need in the manifest. */
  public record Result(Map<String, Tensor> tensors, ModelManifest.Lora lora) {}

  private WeightSpaceBlend() {}

  /**
   * @param weight the share of {@code to}, in [0, 1]
   * @throws WeightsException when the two models do not share a base and an adapter layout
   */
  public static Result blend(
      ModelManifest fromManifest,
      Map<String, Tensor> from,
      ModelManifest toManifest,
      Map<String, Tensor> to,
      double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("the blend weight must be in [0, 1], got " + weight);
    }
    requireCompatible(fromManifest, toManifest);
    double s1 = fromManifest.lora().alpha() / fromManifest.lora().rank();
    double s2 = toManifest.lora().alpha() / toManifest.lora().rank();
    int rank = fromManifest.lora().rank() + toManifest.lora().rank();
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : to.entrySet()) {
      String name = e.getKey();
      Tensor b = e.getValue();
      Tensor a = from.get(name);
      if (name.endsWith(LORA_A)) {
        out.put(name, stackRows(require(a, name), b));
      } else if (name.endsWith(LORA_B)) {
        out.put(name, stackColumns(require(a, name), (1 - weight), b, weight * s2 / s1));
      } else if (a != null) {
        out.put(name, mix(a, 1 - weight, b, weight, name));
      } else {
        out.put(name, b); // a head only the target model has
      }
    }
    for (String name : from.keySet()) {
      if (!to.containsKey(name)) {
        throw new WeightsException(
            name + " is in the model blended from but not in the one blended to");
      }
    }
    return new Result(out, new ModelManifest.Lora(rank, s1 * rank, fromManifest.lora().targets()));
  }

  private static void requireCompatible(ModelManifest a, ModelManifest b) {
    if (a.lora() == null || b.lora() == null) {
      throw new WeightsException("only LoRA models can be blended (a full fine-tune has none)");
    }
    if (!Objects.equals(a.base().sha256(), b.base().sha256())) {
      throw new WeightsException(
          "the two models have different bases (" + a.base().id() + ", " + b.base().id() + ")");
    }
    if (!a.lora().targets().equals(b.lora().targets())) {
      throw new WeightsException(
          "LoRA targets differ: " + a.lora().targets() + " vs " + b.lora().targets());
    }
    if (a.maxLength() != b.maxLength()
        || !a.pooling().equals(b.pooling())
        || !a.textNormalization().equals(b.textNormalization())
        || a.trainableLayerNorms() != b.trainableLayerNorms()) {
      throw new WeightsException(
          "the two models differ in max length, pooling, text normalization or trained"
              + " LayerNorms");
    }
    a.labels()
        .forEach(
            (task, labels) -> {
              if (!labels.equals(b.labels().get(task))) {
                throw new WeightsException("the " + task + " labels differ between the models");
              }
            });
  }

  private static Tensor require(Tensor t, String name) {
    if (t == null) {
      throw new WeightsException(name + " is in the model blended to but not in the one from");
    }
    return t;
  }

  private static Tensor mix(Tensor a, double wa, Tensor b, double wb, String name) {
    if (!java.util.Arrays.equals(a.shape(), b.shape())) {
      throw new WeightsException(
          name + ": shapes differ (" + a.shapeString() + " vs " + b.shapeString() + ")");
    }
    float[] d = new float[a.data().length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (wa * a.data()[i] + wb * b.data()[i]);
    }
    return new Tensor(a.shape().clone(), d);
  }

  /** [r1, in] over [r2, in]: [r1 + r2, in]. */
  private static Tensor stackRows(Tensor a, Tensor b) {
    if (a.rank() != 2 || b.rank() != 2 || a.shape()[1] != b.shape()[1]) {
      throw new WeightsException("LoRA A shapes " + a.shapeString() + ", " + b.shapeString());
    }
    float[] d = new float[a.data().length + b.data().length];
    System.arraycopy(a.data(), 0, d, 0, a.data().length);
    System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
    return new Tensor(new long[] {a.shape()[0] + b.shape()[0], a.shape()[1]}, d);
  }

  /** [out, r1] beside [out, r2], each scaled: [out, r1 + r2]. */
  private static Tensor stackColumns(Tensor a, double wa, Tensor b, double wb) {
    if (a.rank() != 2 || b.rank() != 2 || a.shape()[0] != b.shape()[0]) {
      throw new WeightsException("LoRA B shapes " + a.shapeString() + ", " + b.shapeString());
    }
    int rows = (int) a.shape()[0];
    int ra = (int) a.shape()[1];
    int rb = (int) b.shape()[1];
    float[] d = new float[rows * (ra + rb)];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < ra; j++) {
        d[i * (ra + rb) + j] = (float) (wa * a.data()[i * ra + j]);
      }
      for (int j = 0; j < rb; j++) {
        d[i * (ra + rb) + ra + j] = (float) (wb * b.data()[i * rb + j]);
      }
    }
    return new Tensor(new long[] {rows, ra + rb}, d);
  }
}
