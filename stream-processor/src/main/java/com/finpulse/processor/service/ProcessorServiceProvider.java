package com.finpulse.processor.service;

import com.finpulse.common.config.FinPulseHome;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.lifecycle.ServiceProvider;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.ClassifierOptions;
import com.finpulse.model.serve.Classifiers;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.ScoringSettings;
import com.finpulse.processor.sink.SinkObserver;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Composition root of the stream processor: loads {@code processor.yml}, loads the model and builds
 * the {@link ProcessorService}. {@code ./finpulse up} finds it through {@link
 * java.util.ServiceLoader}; {@code ./finpulse process} and the benchmark use its static methods.
 */
public final class ProcessorServiceProvider implements ServiceProvider {

  @Override
  public String name() {
    return "processor";
  }

  /** After alerts (which consumes its output), before ingest (which feeds it). */
  @Override
  public int startOrder() {
    return 20;
  }

  @Override
  public ManagedService create(ServiceContext context) {
    ProcessorConfig config = loadConfig(context);
    return new ProcessorService(
        config, classifier(config), context.meters(), context.stateDir(), SinkObserver.NONE);
  }

  @Override
  public java.util.List<String> check(ServiceContext context) {
    return com.finpulse.common.config.ConfigException.problemsOf(() -> loadConfig(context));
  }

  public static ProcessorConfig loadConfig(ServiceContext context) {
    return context
        .configLoader()
        .load(
            ProcessorConfig.class,
            ProcessorConfig.FILE_NAME,
            context.configFile(ProcessorConfig.FILE_NAME));
  }

  /**
   * The one place that decides which model the processor scores with: the trained model in {@code
   * scoring.model_dir}, loaded with {@code scoring}'s GPU forward sizes (on CPU the model's own
   * defaults).
   *
   * @throws IllegalStateException naming the directory and what to do when no model can be loaded
   */
  public static Classifier classifier(ProcessorConfig config) {
    Path dir = modelDir(config.scoring().modelDir());
    if (!Files.exists(dir)) {
      throw new IllegalStateException(
          "no trained model at "
              + dir
              + ": train one with ./finpulse model train, or point scoring.model_dir"
              + " (FINPULSE_MODEL_DIR) at a model directory");
    }
    try {
      return load(dir, config.scoring());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot load the model from " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model directory with {@code scoring}'s GPU forward sizes (on CPU the model's own
   * defaults): the configured model and every registry version alike.
   */
  public static Classifier load(Path dir, ScoringSettings scoring) {
    return Classifiers.load(
        dir,
        ClassifierOptions.defaults()
            .withGpuBatch(scoring.gpuTokenBudget(), scoring.gpuMaxBatchSize()));
  }

  /** Relative model directories resolve against the FinPulse home (set by the launcher). */
  public static Path modelDir(String configured) {
    return FinPulseHome.resolve(configured);
  }
}
