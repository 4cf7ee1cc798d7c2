package com.finpulse.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (decoupled weight decay) with global-norm gradient clipping and finite checks.
 *
 * <p>Written by hand because DJL's built-in AdamW turned parameters into NaN on this engine once
 * the loss got small. Every step first checks that the gradient norm is finite (a non-finite
 * gradient skips the step) and afterwards that the parameters are (if not, training fails instead
 * of continuing on garbage). Moments live in the parameters' manager; every temporary lives in a
 * per-step sub-manager, so the parameter manager holds a fixed number of arrays.
 */
public final class AdamW {

  /** One parameter group member: name, array, learning-rate multiplier, whether it decays. */
  public record Param(String name, NDArray value, double lrScale, boolean decay) {}

  /** What one step did. */
  public record StepResult(boolean applied, double gradNorm) {}

  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final double maxGradNorm;
  private final Map<String, NDArray[]> moments = new HashMap<>();
  private long step;
  private long skipped;

  public AdamW(double beta1, double beta2, double eps, double weightDecay, double maxGradNorm) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.maxGradNorm = maxGradNorm;
  }

  public static AdamW defaults(double weightDecay) {
    return new AdamW(0.9, 0.999, 1e-8, weightDecay, 1.0);
  }

  public long skippedSteps() {
    return skipped;
  }

  /** Steps applied so far (the bias correction's t). */
  public long appliedSteps() {
    return step;
  }

  /** The first and second moments by parameter name, {@code <name>.m} and {@code <name>.v}. */
  public Map<String, com.finpulse.model.weights.Tensor> momentTensors() {
    Map<String, com.finpulse.model.weights.Tensor> out = new java.util.TreeMap<>();
    moments.forEach(
        (name, mv) -> {
          out.put(name + ".m", com.finpulse.model.bert.BertEncoder.toTensor(mv[0]));
          out.put(name + ".v", com.finpulse.model.bert.BertEncoder.toTensor(mv[1]));
        });
    return out;
  }

  /**
   * Restores the state {@link #momentTensors} and the step counters recorded, for the parameters of
   * {@code params} (moments are created in each parameter's manager).
   */
  public void restore(
      Map<String, com.finpulse.model.weights.Tensor> tensors,
      List<Param> params,
      long appliedSteps,
      long skippedSteps) {
    for (Param p : params) {
      com.finpulse.model.weights.Tensor m = tensors.get(p.name() + ".m");
      com.finpulse.model.weights.Tensor v = tensors.get(p.name() + ".v");
      if (m == null || v == null) {
        continue; // never stepped (e.g. a head whose task had no batch yet)
      }
      NDManager owner = p.value().getManager();
      ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(m.shape());
      if (!shape.equals(p.value().getShape())) {
        throw new IllegalArgumentException(
            "optimizer state of "
                + p.name()
                + " has shape "
                + shape
                + ", parameter has "
                + p.value().getShape());
      }
      NDArray[] old =
          moments.put(
              p.name(),
              new NDArray[] {owner.create(m.data(), shape), owner.create(v.data(), shape)});
      if (old != null) {
        old[0].close();
        old[1].close();
      }
    }
    this.step = appliedSteps;
    this.skipped = skippedSteps;
  }

  /**
   * Applies one update to {@code params} from their accumulated gradients, then zeroes the
   * gradients. Must run outside a gradient collector. The update runs with PyTorch's grad mode off,
   * which is per thread and on by default: DJL turns it off only on the thread that loaded the
   * engine, so a run on any other thread would refuse the in-place updates of the parameters.
   */
  public StepResult step(List<Param> params, double lr) {
    if (params.isEmpty()) {
      return new StepResult(false, 0);
    }
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return update(params, lr);
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  private StepResult update(List<Param> params, double lr) {
    NDManager owner = params.get(0).value().getManager();
    try (NDManager scope = owner.newSubManager()) {
      List<NDArray> grads = new ArrayList<>(params.size());
      NDList squares = new NDList();
      for (Param p : params) {
        NDArray g = p.value().getGradient();
        g.attach(scope);
        grads.add(g);
        squares.add(g.square().sum());
      }
      double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
      if (!Double.isFinite(norm)) {
        skipped++;
        zeroGradients(params);
        return new StepResult(false, norm);
      }
      step++;
      double clip = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6) : 1.0;
      double bc1 = 1 - Math.pow(beta1, step);
      double bc2 = 1 - Math.pow(beta2, step);
      NDList sums = new NDList();
      for (int i = 0; i < params.size(); i++) {
        Param p = params.get(i);
        NDArray w = p.value();
        NDArray g = clip == 1.0 ? grads.get(i) : grads.get(i).mul(clip);
        NDArray[] mv =
            moments.computeIfAbsent(p.name(), k -> new NDArray[] {w.zerosLike(), w.zerosLike()});
        mv[0].muli(beta1).addi(g.mul(1 - beta1));
        mv[1].muli(beta2).addi(g.square().muli(1 - beta2));
        double lr_ = lr * p.lrScale();
        if (p.decay() && weightDecay > 0) {
          w.muli(1 - lr_ * weightDecay);
        }
        // Ops on long-lived arrays put their results in the long-lived manager: move each
        // temporary into this step's scope before the next op.
        NDArray denom = mv[1].div(bc2);
        denom.attach(scope);
        denom = denom.sqrt().addi(eps);
        NDArray update = mv[0].div(denom);
        update.attach(scope);
        w.subi(update.muli(lr_ / bc1));
        NDArray sum = w.sum();
        sum.attach(scope);
        sums.add(sum);
      }
      zeroGradients(params);
      float total = NDArrays.stack(sums).sum().getFloat();
      if (!Float.isFinite(total)) {
        throw new TrainingDivergedException(
            "parameters became non-finite at optimizer step "
                + step
                + " (gradient norm "
                + norm
                + ", lr "
                + lr
                + "); lower --lr or check the data");
      }
      return new StepResult(true, norm);
    }
  }

  private static void zeroGradients(List<Param> params) {
    for (Param p : params) {
      // zero_() on the gradient tensor: unlike g - g it also clears inf.
      JniUtils.zeroGrad((PtNDArray) p.value());
    }
  }
}
