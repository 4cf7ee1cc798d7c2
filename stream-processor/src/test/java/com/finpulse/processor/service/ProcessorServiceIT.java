package com.finpulse.processor.service;

import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.testing.DeterministicClassifier;
import java.time.Duration;

/** The pipeline contract with the deterministic classifier double, two stream threads. */
class ProcessorServiceIT extends PipelineContract {

  @Override
  Classifier classifier() {
    return new DeterministicClassifier().withDelay(Duration.ofMillis(20), Duration.ZERO);
  }

  @Override
  int articles() {
    return 300;
  }
}
