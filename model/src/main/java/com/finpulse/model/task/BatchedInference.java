package com.finpulse.model.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.finpulse.model.text.PaddedBatch;
import com.finpulse.model.text.TokenizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the network over many texts: sorted by length, cut into batches capped by a token budget
 * (batch size x longest text) and a maximum batch size, each batch in its own sub-manager whose
 * results are copied to Java arrays before it closes. Probabilities come back in input order.
 *
 * <p>A batch whose forward runs out of native memory (a CUDA "out of memory", or libtorch's CPU
 * allocator failing) is split in halves and each half retried, down to a single text: a token
 * budget set too large for the card costs speed, not the call. Only a single text that does not fit
 * fails the call.
 */
public final class BatchedInference {

  private static final Logger LOG = LoggerFactory.getLogger(BatchedInference.class);

  private static final AtomicLong OOM_SPLITS = new AtomicLong();

  static final int CHUNKS_PER_LANE = 3;

  /** Smaller batches lose more to per-operator overhead than balance gains. */
  static final int MIN_CHUNK = 8;

  private BatchedInference() {}

  private static int ceilDiv(int a, int b) {
    return -Math.floorDiv(-a, b);
  }

  public static Map<Task, float[][]> probabilities(
      MultiTaskNetwork net,
      List<TokenizedText> texts,
      Set<Task> tasks,
      int tokenBudget,
      int maxBatch) {
    return probabilities(net, texts, tasks, tokenBudget, maxBatch, null);
  }

  /**
   * @param lanes where batches run side by side; null runs them one after another on the caller's
   *     thread. With lanes, a call is cut into about {@value #CHUNKS_PER_LANE} batches per lane (of
   *     at least {@value #MIN_CHUNK} texts) that the lanes take longest first as they come free: a
   *     lane that loses its core to another thread for a while then holds up one small batch, not
   *     half the call, while the other lanes take over the rest.
   */
  public static Map<Task, float[][]> probabilities(
      MultiTaskNetwork net,
      List<TokenizedText> texts,
      Set<Task> tasks,
      int tokenBudget,
      int maxBatch,
      ForwardLanes lanes) {
    int n = texts.size();
    Map<Task, float[][]> out = new EnumMap<>(Task.class);
    for (Task t : tasks) {
      out.put(t, new float[n][]);
    }
    int[] order =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingInt(i -> texts.get(i).length()))
            .mapToInt(Integer::intValue)
            .toArray();
    int cap =
        lanes == null
            ? maxBatch
            : Math.min(maxBatch, Math.max(MIN_CHUNK, ceilDiv(n, lanes.lanes() * CHUNKS_PER_LANE)));
    List<int[]> ranges = new ArrayList<>();
    int start = 0;
    while (start < n) {
      int end = start + 1;
      // Sorted ascending: the batch's longest text is the last one added.
      while (end < n
          && end - start < cap
          && (long) (end - start + 1) * texts.get(order[end]).length() <= tokenBudget) {
        end++;
      }
      ranges.add(new int[] {start, end});
      start = end;
    }
    BatchRunner forward = (from, to) -> run(net, texts, tasks, order, from, to, out);
    if (lanes == null) {
      for (int[] r : ranges) {
        runSplittingOnOutOfMemory(r[0], r[1], forward);
      }
    } else {
      // Longest batches first, so the lanes finish together.
      List<Runnable> work = new ArrayList<>(ranges.size());
      for (int i = ranges.size() - 1; i >= 0; i--) {
        int[] r = ranges.get(i);
        work.add(() -> runSplittingOnOutOfMemory(r[0], r[1], forward));
      }
      lanes.runAll(work);
    }
    return out;
  }

  /** Softmax of {@code logits[from, from + k)} divided by {@code temperature}, in double. */
  static float[] softmax(float[] logits, int from, int k, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, logits[from + j] / temperature);
    }
    double[] e = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      e[j] = Math.exp(logits[from + j] / temperature - max);
      sum += e[j];
    }
    float[] row = new float[k];
    for (int j = 0; j < k; j++) {
      row[j] = (float) (e[j] / sum);
    }
    return row;
  }

  /** Runs the texts {@code [from, to)} of the sorted order as one batch. */
  @FunctionalInterface
  interface BatchRunner {
    void run(int from, int to);
  }

  /**
   * Runs {@code [from, to)} as one batch; when that runs out of native memory, runs each half the
   * same way. A batch writes its rows only after its forward, so a failed attempt leaves nothing
   * half-written that the retry would not overwrite.
   */
  static void runSplittingOnOutOfMemory(int from, int to, BatchRunner runner) {
    try {
      runner.run(from, to);
    } catch (RuntimeException e) {
      if (to - from < 2 || !isOutOfMemory(e)) {
        throw e;
      }
      int mid = from + (to - from) / 2;
      long n = OOM_SPLITS.incrementAndGet();
      if (n == 1 || Long.bitCount(n) == 1) { // first, 2nd, 4th, 8th ... split: no log flood
        LOG.warn(
            "A batch of {} texts ran out of memory ({}): split in two and retried ({} split(s) so"
                + " far in this JVM). Lower the token budget to avoid the wasted attempts.",
            to - from,
            firstLine(e),
            n);
      }
      runSplittingOnOutOfMemory(from, mid, runner);
      runSplittingOnOutOfMemory(mid, to, runner);
    }
  }

  /** True when {@code t} or one of its causes says that native memory ran out. */
  static boolean isOutOfMemory(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("out of memory") || m.contains("not enough memory")) {
        return true;
      }
    }
    return false;
  }

  /** Batches split because they ran out of memory, since this JVM started (for diagnostics). */
  public static long outOfMemorySplits() {
    return OOM_SPLITS.get();
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** One batch: texts {@code order[from..to)}; writes only those texts' rows of {@code out}. */
  private static void run(
      MultiTaskNetwork net,
      List<TokenizedText> texts,
      Set<Task> tasks,
      int[] order,
      int from,
      int to,
      Map<Task, float[][]> out) {
    List<TokenizedText> batch = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      batch.add(texts.get(order[i]));
    }
    try (NDManager scope = net.encoder().manager().newSubManager()) {
      PaddedBatch b = PaddedBatch.of(batch, scope);
      NDArray pooled = net.pooled(b.ids(), b.typeIds(), b.mask(), false);
      for (Task t : tasks) {
        NDArray logits = net.logits(t, pooled).toType(DataType.FLOAT32, false);
        float[] flat = logits.toFloatArray();
        int k = (int) logits.getShape().get(1);
        double temperature = net.temperature(t);
        float[][] dst = out.get(t);
        for (int i = 0; i < batch.size(); i++) {
          dst[order[from + i]] = softmax(flat, i * k, k, temperature);
        }
      }
    }
  }
}
