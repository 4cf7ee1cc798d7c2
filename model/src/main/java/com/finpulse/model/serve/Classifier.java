package com.finpulse.model.serve;

import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.text.TargetedText;
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

  /**
   * The sentiment of each text toward its target (a company, named by ticker and/or name), in
   * order. A target the text never names, an empty text or an empty target still get a prediction.
   * A model without an entity head ({@link #targeted()} false) gives each text's own sentiment.
   */
  List<SentimentScores> classifyTargets(List<TargetedText> items);

  /** Whether {@link #classifyTargets} reads the target (the model has an entity head). */
  boolean targeted();

  /**
   * Whether the model runs on a GPU: callers then hand it large batches (its forwards are sized by
   * {@link ClassifierOptions#gpuMaxBatch()}), on CPU small ones keep latency low.
   */
  boolean onGpu();

  /** Identifies the model (name and a short hash of its weights) for {@code ScoredArticle}. */
  String modelId();

  /** Topic names in the model's output order. */
  List<String> topicLabels();

  @Override
  void close();
}
