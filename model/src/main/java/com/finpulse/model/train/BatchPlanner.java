package com.finpulse.model.train;

import com.finpulse.model.task.Task;
import com.finpulse.model.text.TokenizedText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plans one epoch of single-task batches with length bucketing: each task's examples are shuffled,
 * cut into pools of {@code poolBatches} batches, sorted by length within a pool and cut into
 * batches; then all batches of all tasks are shuffled together. Batches hold texts of similar
 * length, so dynamic padding wastes little, and every step still sees a random mix over the run.
 */
public final class BatchPlanner {

  /** Indices into one task's example list. */
  public record Batch(Task task, int[] indices) {}

  private final int batchSize;
  private final int poolBatches;

  public BatchPlanner(int batchSize, int poolBatches) {
    if (batchSize <= 0 || poolBatches <= 0) {
      throw new IllegalArgumentException("batch size and pool must be positive");
    }
    this.batchSize = batchSize;
    this.poolBatches = poolBatches;
  }

  public List<Batch> plan(Map<Task, List<TokenizedText>> examples, Random rnd) {
    List<Batch> out = new ArrayList<>();
    for (Map.Entry<Task, List<TokenizedText>> e : examples.entrySet()) {
      List<TokenizedText> xs = e.getValue();
      List<Integer> order = new ArrayList<>(xs.size());
      for (int i = 0; i < xs.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, rnd);
      int pool = batchSize * poolBatches;
      for (int start = 0; start < order.size(); start += pool) {
        List<Integer> chunk =
            new ArrayList<>(order.subList(start, Math.min(order.size(), start + pool)));
        chunk.sort((a, b) -> Integer.compare(xs.get(a).length(), xs.get(b).length()));
        for (int b = 0; b < chunk.size(); b += batchSize) {
          List<Integer> part = chunk.subList(b, Math.min(chunk.size(), b + batchSize));
          out.add(new Batch(e.getKey(), part.stream().mapToInt(Integer::intValue).toArray()));
        }
      }
    }
    Collections.shuffle(out, rnd);
    return out;
  }

  public long batchesPerEpoch(Map<Task, List<TokenizedText>> examples) {
    long n = 0;
    int pool = batchSize * poolBatches;
    for (List<TokenizedText> xs : examples.values()) {
      int rest = xs.size() % pool;
      n += (long) (xs.size() / pool) * poolBatches + (rest + batchSize - 1) / batchSize;
    }
    return n;
  }
}
