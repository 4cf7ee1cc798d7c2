package com.finpulse.processor.service;

import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.testing.TestConfigs;
import java.nio.file.Path;
import java.util.Map;

/**
 * The pipeline contract with the real default model ({@code models/default}, loaded the way the
 * service loads it); fails, naming the directory, when the trained model is missing.
 */
class RealModelPipelineIT extends PipelineContract {

  /**
   * The one place this test gets its model: the same method the service uses, on {@code
   * $FINPULSE_MODEL_DIR}, else the repository's {@code models/default} (tests run in the module
   * directory, one level below the repository root).
   */
  @Override
  Classifier classifier() {
    String dir = System.getenv("FINPULSE_MODEL_DIR");
    if (dir == null || dir.isBlank()) {
      dir = Path.of("").toAbsolutePath().getParent().resolve("models/default").toString();
    }
    return ProcessorServiceProvider.classifier(
        TestConfigs.shipped(Map.of("FINPULSE_MODEL_DIR", dir)));
  }

  @Override
  int articles() {
    return 150;
  }
}
