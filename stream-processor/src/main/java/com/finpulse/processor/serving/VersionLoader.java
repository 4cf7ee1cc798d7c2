package com.finpulse.processor.serving;

import com.finpulse.common.registry.ModelRegistry;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Prediction;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Loads a model version for serving, off the scoring path: resolves it ({@value
 * ServedModel#DEFAULT} is {@code scoring.model_dir}, any other name a registry directory), loads
 * it, and refuses it unless it scores a plain headline and names the same topics as the serving
 * model (trends, subscriptions and alerts are keyed by topic name). A refused model is closed.
 */
public final class VersionLoader {

  private final ModelRegistry registry;
  private final Path configuredDir;
  private final Function<Path, Classifier> load;

  /**
   * @param load loads a model directory (the service: {@code Classifiers.load} with the scoring
   *     settings' options); may throw
   */
  public VersionLoader(
      ModelRegistry registry, Path configuredDir, Function<Path, Classifier> load) {
    this.registry = registry;
    this.configuredDir = configuredDir;
    this.load = load;
  }

  public ModelRegistry registry() {
    return registry;
  }

  /** A version that cannot be served, with why: fit for a status record and a log line. */
  public static final class LoadException extends Exception {
    public LoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * @param topicLabels the serving model's topics, which the new model must name alike
   * @throws LoadException naming the version, its directory and what is wrong
   */
  public ServedModel load(String version, List<String> topicLabels) throws LoadException {
    boolean configured = ServedModel.DEFAULT.equals(version);
    Path dir;
    try {
      dir = configured ? configuredDir : registry.resolve(version);
    } catch (IllegalArgumentException e) {
      throw new LoadException(e.getMessage(), e);
    }
    Classifier c;
    try {
      c = load.apply(dir);
    } catch (RuntimeException e) {
      throw new LoadException(
          "version '" + version + "' did not load from " + dir + ": " + e.getMessage(), e);
    }
    try {
      check(c, topicLabels);
    } catch (RuntimeException e) {
      c.close();
      throw new LoadException("version '" + version + "' in " + dir + ": " + e.getMessage(), e);
    }
    return configured ? ServedModel.configured(c) : ServedModel.version(version, c);
  }

  private static void check(Classifier c, List<String> topicLabels) {
    if (!c.topicLabels().equals(topicLabels)) {
      throw new IllegalStateException(
          "its topic labels "
              + c.topicLabels()
              + " differ from the serving model's "
              + topicLabels
              + " (trends and subscriptions are keyed by topic)");
    }
    List<Prediction> p = c.classify(List.of(ServedModel.CANARY));
    if (p == null || p.size() != 1 || p.get(0) == null) {
      throw new IllegalStateException("it gives no prediction for a plain headline");
    }
  }
}
