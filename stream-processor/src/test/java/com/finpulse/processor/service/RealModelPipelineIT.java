package com.finpulse.processor.service;

import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.testing.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The pipeline contract with the real default model ({@code models/default}, loaded the way the
 * service loads it). It runs wherever the model module's {@code Classifiers} factory is on the
 * classpath, and then fails, naming the directory, when the trained model is missing.
 */
@EnabledIf(
    value = "modelModuleOnClasspath",
    disabledReason = "the model module's Classifiers factory is not on this classpath")
class RealModelPipelineIT extends PipelineContract {

  static boolean modelModuleOnClasspath() {
    try {
      Class.forName(ProcessorServiceProvider.CLASSIFIER_FACTORY);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

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
