package com.finpulse.model.serve;

import java.util.List;

/**
 * Scores texts for sentiment and topic. Implementations are thread-safe: the stream processor calls
 * one instance from its inference worker, tests and CLIs from wherever they like.
 */
public interface Classifier extends AutoCloseable {

  /**
   * Scores every text, in order: {@code result.get(i)} belongs to {@code texts.get(i)}. Empty,
   * huge, binary-looking or non-Latin texts get a prediction, never an exception.
   */
  List<Prediction> classify(List<String> texts);

  /** Identifies the model (name and a short hash of its weights) for {@code ScoredArticle}. */
  String modelId();

  /** Topic names in the model's output order. */
  List<String> topicLabels();

  @Override
  void close();
}
