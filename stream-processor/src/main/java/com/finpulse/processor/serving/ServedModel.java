package com.finpulse.processor.serving;

import com.finpulse.model.serve.Classifier;

/**
 * A loaded model and the names it goes by: the registry version it was loaded as and the model id
 * every {@code ScoredArticle} it scores carries.
 *
 * @param version the registry version, or {@value #DEFAULT} for {@code scoring.model_dir}
 * @param modelId {@code <version>@<weights hash>} for a registry version; the classifier's own id
 *     for {@code scoring.model_dir}
 */
public record ServedModel(String version, String modelId, Classifier classifier) {

  /** A plain headline any working model scores: tells a broken model from a poisonous text. */
  public static final String CANARY = "Stocks were little changed in early trading on Tuesday.";

  /**
   * The version name of the model in {@code scoring.model_dir}, the one a processor starts with.
   */
  public static final String DEFAULT = "default";

  /** The model of {@code scoring.model_dir}; it keeps its own id ({@code <name>@<hash>}). */
  public static ServedModel configured(Classifier classifier) {
    return new ServedModel(DEFAULT, classifier.modelId(), classifier);
  }

  /** A registry version: its id is the version and the weights hash of the classifier's id. */
  public static ServedModel version(String version, Classifier classifier) {
    String id = classifier.modelId();
    int at = id.lastIndexOf('@');
    return new ServedModel(
        version, version + "@" + (at < 0 ? id : id.substring(at + 1)), classifier);
  }
}
