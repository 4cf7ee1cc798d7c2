package com.finpulse.model.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import com.finpulse.model.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs only where PyTorch sees a GPU (build with -Pgpu): fp16 on the GPU agrees with CPU fp32. */
class GpuClassifierTest {

  @TempDir Path tmp;

  @Test
  void gpuFp16MatchesCpu() {
    assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU visible to PyTorch");
    Path model = TinyModels.untrainedModel(tmp);
    List<String> texts = List.of("Acme beats estimates", "", "Oil slides as output rises");
    try (Classifier gpu = Classifiers.load(model, ClassifierOptions.defaults().withDevice("gpu"));
        Classifier cpu = Classifiers.load(model, ClassifierOptions.defaults().withDevice("cpu"))) {
      BertClassifier g = (BertClassifier) gpu;
      assertThat(g.device().isGpu()).isTrue();
      assertThat(g.precision()).isEqualTo(DataType.FLOAT16);
      List<Prediction> a = gpu.classify(texts);
      List<Prediction> b = cpu.classify(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(a.get(i).sentimentScore()).isCloseTo(b.get(i).sentimentScore(), within(2e-2));
      }
    }
  }
}
