package com.finpulse.processor.service;

import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.testing.TestConfigs;
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

  /** The one place this test gets its model: the same method the service uses. */
  @Override
  Classifier classifier() {
    return ProcessorServiceProvider.classifier(TestConfigs.shipped());
  }

  @Override
  int articles() {
    return 150;
  }
}
