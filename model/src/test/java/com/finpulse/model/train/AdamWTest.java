package com.finpulse.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.finpulse.model.bert.ArrayCensus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void convergesStaysFiniteAtTinyLossesAndLeaksNoArrays() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {3f, -2f, 0.5f, 10f});
      NDArray target = m.create(new float[] {1f, 1f, 1f, 1f});
      w.setRequiresGradient(true);
      AdamW opt = AdamW.defaults(0.0);
      List<AdamW.Param> params = List.of(new AdamW.Param("w", w, 1.0, false));
      long before = -1;
      float loss = 0;
      for (int step = 0; step < 600; step++) {
        try (NDManager s = m.newSubManager();
            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray d = w.sub(target);
          d.attach(s);
          NDArray l = d.square().sum();
          gc.backward(l);
          loss = l.getFloat();
        }
        opt.step(params, 0.05);
        if (step == 5) {
          before = ArrayCensus.liveArrays(m);
        }
      }
      assertThat(ArrayCensus.liveArrays(m)).as("arrays in the parameter manager").isEqualTo(before);
      // The loss is driven far below the 0.005 at which DJL's built-in AdamW produced NaN.
      assertThat(loss).isLessThan(1e-4f).isGreaterThanOrEqualTo(0f);
      assertThat(w.isNaN().any().getBoolean()).isFalse();
      assertThat(opt.skippedSteps()).isZero();
    }
  }

  /**
   * PyTorch's grad mode is per thread and on by default: DJL turns it off only on the thread that
   * loads the engine, and a gradient collector restores what it found. Training on another thread
   * (the end-to-end test trains beside a serving processor) must still update in place.
   */
  @Test
  void stepsOnAThreadWhoseGradModeIsOn() throws Exception {
    Engine.getInstance();
    float[] after = new float[2];
    Throwable[] failed = new Throwable[1];
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  JniUtils.setGradMode(true);
                  try (NDManager m = NDManager.newBaseManager()) {
                    NDArray w = m.create(new float[] {1f, 2f});
                    w.setRequiresGradient(true);
                    try (NDManager s = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                      NDArray l = w.square().sum();
                      l.attach(s);
                      gc.backward(l);
                    }
                    AdamW.StepResult r =
                        AdamW.defaults(0.0).step(List.of(new AdamW.Param("w", w, 1.0, false)), 0.1);
                    assertThat(r.applied()).isTrue();
                    assertThat(JniUtils.isGradMode()).as("grad mode as it was").isTrue();
                    float[] v = w.toFloatArray();
                    after[0] = v[0];
                    after[1] = v[1];
                  } catch (Throwable e) {
                    failed[0] = e;
                  }
                });
    t.join();
    assertThat(failed[0]).isNull();
    assertThat(after[0]).isLessThan(1f);
    assertThat(after[1]).isLessThan(2f);
  }

  @Test
  void nonFiniteGradientSkipsTheStepAndKeepsWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f, 2f});
      w.setRequiresGradient(true);
      AdamW opt = AdamW.defaults(0.01);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = w.mul(Float.POSITIVE_INFINITY).sum();
        l.attach(m.newSubManager());
        gc.backward(l);
      }
      AdamW.StepResult r = opt.step(List.of(new AdamW.Param("w", w, 1.0, true)), 0.1);
      assertThat(r.applied()).isFalse();
      assertThat(opt.skippedSteps()).isEqualTo(1);
      assertThat(w.toFloatArray()).containsExactly(1f, 2f);
      assertThat(w.getGradient().toFloatArray()).containsExactly(0f, 0f);
    }
  }

  @Test
  void hugeLearningRateThatBreaksWeightsFailsLoudly() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f});
      w.setRequiresGradient(true);
      AdamW opt = AdamW.defaults(0.0);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(w.mul(2f).sum());
      }
      assertThatThrownBy(
              () ->
                  opt.step(List.of(new AdamW.Param("w", w, 1.0, false)), Double.POSITIVE_INFINITY))
          .isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("non-finite");
    }
  }

  @Test
  void scheduleWarmsUpThenDecaysToZero() {
    LearningRateSchedule s = new LearningRateSchedule(1.0, 10, 110);
    assertThat(s.at(0)).isEqualTo(0.1);
    assertThat(s.at(9)).isEqualTo(1.0);
    assertThat(s.at(60)).isEqualTo(0.5);
    assertThat(s.at(110)).isEqualTo(0.0);
  }
}
