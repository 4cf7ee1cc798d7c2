package com.finpulse.model.serve;

import ai.djl.ndarray.types.DataType;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.task.BatchedInference;
import com.finpulse.model.task.ForwardLanes;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.NativeHeap;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.EntityInput;
import com.finpulse.model.text.TargetedText;
import com.finpulse.model.text.TokenizedText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** The DJL-backed {@link Classifier}; see {@link Classifiers} for its concurrency model. */
final class BertClassifier implements Classifier {

  private static final Set<Task> BOTH = Set.of(Task.SENTIMENT, Task.TOPIC);
  private static final Set<Task> ENTITY = Set.of(Task.ENTITY);

  private final MultiTaskNetwork net;
  private final BertTokenizer tokenizer;
  private final String modelId;
  private final EntityInput entityInput;
  private final List<String> topicLabels;
  private final Semaphore permits;
  private final ForwardLanes lanes;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  /** Texts per pipelined segment on a GPU (at least one full forward). */
  static final int MIN_SEGMENT = 2048;

  private final int segment;
  private final int tokenBudget;
  private final int maxBatch;
  private final ExecutorService tokenizeAhead;
  private boolean closed;

  BertClassifier(
      ModelManifest manifest,
      MultiTaskNetwork net,
      BertTokenizer tokenizer,
      ClassifierOptions options) {
    this(manifest, net, tokenizer, options, net.encoder().manager().getDevice().isGpu());
  }

  /**
   * @param tokenizeAhead tokenize the next segment of a large call while the current one runs (on a
   *     GPU; a test turns it on for CPU to check the segments are stitched back in order)
   */
  BertClassifier(
      ModelManifest manifest,
      MultiTaskNetwork net,
      BertTokenizer tokenizer,
      ClassifierOptions options,
      boolean tokenizeAhead) {
    this.net = net;
    this.tokenizer = tokenizer;
    String sha = manifest.weightsSha256() == null ? "" : manifest.weightsSha256();
    this.modelId = manifest.name() + "@" + sha.substring(0, Math.min(12, sha.length()));
    this.topicLabels = List.copyOf(net.labels(Task.TOPIC));
    this.entityInput = manifest.entityInputOrDefault();
    this.permits = new Semaphore(options.maxConcurrentCalls(), true);
    boolean gpu = net.encoder().manager().getDevice().isGpu();
    if (!gpu) {
      NativeHeap.tuneForInference();
    }
    this.tokenBudget = gpu ? options.gpuTokenBudget() : options.tokenBudget();
    this.maxBatch = gpu ? options.gpuMaxBatch() : options.maxBatch();
    this.segment = Math.max(MIN_SEGMENT, maxBatch);
    this.tokenizeAhead =
        tokenizeAhead
            ? Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "tokenize-ahead");
                  t.setDaemon(true);
                  return t;
                })
            : null;
    int laneCount = gpu ? 1 : options.effectiveCpuLanes();
    this.lanes =
        laneCount > 1
            ? new ForwardLanes(laneCount, Math.max(1, options.cpuThreadsOrCores() / laneCount))
            : null;
  }

  @Override
  public List<Prediction> classify(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      return List.of();
    }
    List<String> clean = new ArrayList<>(texts.size());
    for (String t : texts) {
      clean.add(t == null ? "" : t);
    }
    Map<Task, float[][]> probs =
        run(BOTH, clean.size(), (from, to) -> tokenizer.tokenize(clean.subList(from, to)));
    List<Prediction> out = new ArrayList<>(texts.size());
    float[][] sent = probs.get(Task.SENTIMENT);
    float[][] topic = probs.get(Task.TOPIC);
    for (int i = 0; i < texts.size(); i++) {
      float[] s = sent[i];
      Map<String, Double> tp = new LinkedHashMap<>();
      int best = 0;
      for (int k = 0; k < topicLabels.size(); k++) {
        tp.put(topicLabels.get(k), (double) topic[i][k]);
        if (topic[i][k] > topic[i][best]) {
          best = k;
        }
      }
      out.add(new Prediction(new SentimentScores(s[0], s[1], s[2]), topicLabels.get(best), tp));
    }
    return out;
  }

  @Override
  public List<SentimentScores> classifyTargets(List<TargetedText> items) {
    Objects.requireNonNull(items, "items");
    if (items.isEmpty()) {
      return List.of();
    }
    List<SentimentScores> out = new ArrayList<>(items.size());
    if (!targeted()) {
      for (Prediction p : classify(items.stream().map(TargetedText::text).toList())) {
        out.add(p.sentimentScores());
      }
      return out;
    }
    List<TargetedText> clean = new ArrayList<>(items.size());
    for (TargetedText t : items) {
      clean.add(t == null ? new TargetedText("", List.of()) : t);
    }
    float[][] probs =
        run(
                ENTITY,
                clean.size(),
                (from, to) -> tokenizer.tokenizePairs(clean.subList(from, to), entityInput))
            .get(Task.ENTITY);
    for (float[] s : probs) {
      out.add(new SentimentScores(s[0], s[1], s[2]));
    }
    return out;
  }

  @Override
  public boolean targeted() {
    return net.has(Task.ENTITY);
  }

  /**
   * Tokenizes and runs the forwards under the lifecycle lock, each forward under a permit. On a GPU
   * a large call is cut into segments of {@link #segment} texts and the next segment is tokenized
   * on the {@code tokenizeAhead} thread while the card runs the current one: tokenizing costs about
   * as much as the GPU's forward, so done in turn it would halve throughput.
   */
  private Map<Task, float[][]> run(Set<Task> tasks, int n, RangeTokenizer tokenize) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("classifier " + modelId + " is closed");
      }
      if (tokenizeAhead == null || n <= segment) {
        return forward(tasks, tokenize.range(0, n));
      }
      Map<Task, float[][]> out = new EnumMap<>(Task.class);
      for (Task t : tasks) {
        out.put(t, new float[n][]);
      }
      CompletableFuture<List<TokenizedText>> next =
          CompletableFuture.supplyAsync(() -> tokenize.range(0, segment), tokenizeAhead);
      for (int from = 0; from < n; from += segment) {
        List<TokenizedText> tok = join(next);
        int to = Math.min(n, from + segment);
        if (to < n) {
          int nextTo = Math.min(n, to + segment);
          next = CompletableFuture.supplyAsync(() -> tokenize.range(to, nextTo), tokenizeAhead);
        }
        Map<Task, float[][]> part = forward(tasks, tok);
        for (Task t : tasks) {
          System.arraycopy(part.get(t), 0, out.get(t), from, to - from);
        }
      }
      return out;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private Map<Task, float[][]> forward(Set<Task> tasks, List<TokenizedText> tok) {
    permits.acquireUninterruptibly();
    try {
      return BatchedInference.probabilities(net, tok, tasks, tokenBudget, maxBatch, lanes);
    } finally {
      permits.release();
    }
  }

  private static List<TokenizedText> join(CompletableFuture<List<TokenizedText>> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Tokenizes the texts [from, to) of a call. */
  @FunctionalInterface
  private interface RangeTokenizer {
    List<TokenizedText> range(int from, int to);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public List<String> topicLabels() {
    return topicLabels;
  }

  @Override
  public boolean onGpu() {
    return net.encoder().manager().getDevice().isGpu();
  }

  /** Batches that run side by side on CPU (1 on a GPU). */
  int lanes() {
    return lanes == null ? 1 : lanes.lanes();
  }

  /**
   * The forward that runs: {@code onednn} or {@code aten} (fused TorchScript), or {@code ndarray}.
   */
  String forward() {
    String f = net.encoder().fusedForward();
    return f == null ? "ndarray" : f;
  }

  DataType precision() {
    return net.encoder().dataType();
  }

  ai.djl.Device device() {
    return net.encoder().manager().getDevice();
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        if (lanes != null) {
          lanes.close();
        }
        if (tokenizeAhead != null) {
          tokenizeAhead.shutdownNow();
        }
        net.close();
        tokenizer.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
