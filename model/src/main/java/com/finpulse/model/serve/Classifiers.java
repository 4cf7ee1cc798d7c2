package com.finpulse.model.serve;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import java.nio.file.Path;

/**
 * Loads {@link Classifier}s from model directories.
 *
 * <p><b>Concurrency model.</b> A classifier is thread-safe and meant to be shared: load it once per
 * JVM. {@link Classifier#classify} tokenizes on the calling thread (the tokenizer is thread-safe),
 * then runs the forward under a fair semaphore of {@link ClassifierOptions#maxConcurrentCalls()}
 * permits (default 1): one call already uses every core or the whole GPU, so parallel calls would
 * only oversubscribe. Inside a call texts are sorted by length, padded per batch and cut by a token
 * budget. On a GPU the batches run one after another, each as large as the budget allows. On CPU
 * they run side by side on {@link ClassifierOptions#cpuLanes() lanes}, by default one lane per core
 * with one PyTorch thread each: for a small encoder on short texts this is faster than one forward
 * over all cores, whose per-operator fork/join costs about as much as it saves. Throughput comes
 * from batching, so give it many texts per call (the stream processor's micro-batches). Each batch
 * runs in its own NDManager scope whose results are copied to Java arrays before it closes, so
 * native memory stays flat however many calls are made. The weights are read-only after loading
 * (LoRA merged, no gradients), so forwards never interfere with each other; on CPU every lane calls
 * the same stateless TorchScript module, whose packed weights are shared and never written. {@link
 * Classifier#close} waits for running calls and later calls fail with {@link
 * IllegalStateException}. Never train in a JVM that serves: autograd mode is engine-global.
 */
public final class Classifiers {

  private Classifiers() {}

  public static Classifier load(Path modelDir) {
    return load(modelDir, ClassifierOptions.defaults());
  }

  public static Classifier load(Path modelDir, ClassifierOptions options) {
    return load(modelDir, options, null);
  }

  /** {@code tokenizeAhead} null: on a GPU only; else as given (tests). */
  static BertClassifier load(Path modelDir, ClassifierOptions options, Boolean tokenizeAhead) {
    Device device = DeviceSelection.select(options);
    ModelBundle.Loaded loaded = ModelBundle.load(modelDir, device);
    try {
      DataType type = DeviceSelection.precision(device, options);
      loaded.network().encoder().prepareForInference(type, options.fusedForward());
      loaded.network().castHeads(type);
      int maxLength = options.maxLength() > 0 ? options.maxLength() : loaded.manifest().maxLength();
      if (maxLength > loaded.manifest().config().maxPositions()) {
        throw new IllegalArgumentException(
            "max length "
                + maxLength
                + " exceeds the encoder's "
                + loaded.manifest().config().maxPositions()
                + " positions");
      }
      BertTokenizer tokenizer = new BertTokenizer(loaded.tokenizerJson(), maxLength);
      if (loaded.network().labels(Task.TOPIC).isEmpty()) {
        throw new IllegalStateException("model has no topic labels");
      }
      return tokenizeAhead == null
          ? new BertClassifier(loaded.manifest(), loaded.network(), tokenizer, options)
          : new BertClassifier(
              loaded.manifest(), loaded.network(), tokenizer, options, tokenizeAhead);
    } catch (RuntimeException e) {
      loaded.network().close();
      throw e;
    }
  }

  /** {@code models/default} under the system property {@code finpulse.home} (default "."). */
  public static Classifier loadDefault() {
    return load(defaultModelDir());
  }

  public static Path defaultModelDir() {
    return Path.of(System.getProperty("finpulse.home", ".")).resolve("models").resolve("default");
  }
}
