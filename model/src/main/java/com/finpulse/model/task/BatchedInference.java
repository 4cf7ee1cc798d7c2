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
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Runs the network over many texts: sorted by length, cut into batches capped by a token budget
 * (batch size x longest text) and a maximum batch size, each batch in its own sub-manager whose
 * results are copied to Java arrays before it closes. Probabilities come back in input order.
 */
public final class BatchedInference {

  private BatchedInference() {}

  public static Map<Task, float[][]> probabilities(
      MultiTaskNetwork net,
      List<TokenizedText> texts,
      Set<Task> tasks,
      int tokenBudget,
      int maxBatch) {
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
    int start = 0;
    while (start < n) {
      int end = start + 1;
      // Sorted ascending: the batch's longest text is the last one added.
      while (end < n
          && end - start < maxBatch
          && (long) (end - start + 1) * texts.get(order[end]).length() <= tokenBudget) {
        end++;
      }
      List<TokenizedText> batch = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        batch.add(texts.get(order[i]));
      }
      try (NDManager scope = net.encoder().manager().newSubManager()) {
        PaddedBatch b = PaddedBatch.of(batch, scope);
        NDArray pooled = net.pooled(b.ids(), b.typeIds(), b.mask(), false);
        for (Task t : tasks) {
          NDArray probs = net.logits(t, pooled).toType(DataType.FLOAT32, false).softmax(-1);
          float[] flat = probs.toFloatArray();
          int k = (int) probs.getShape().get(1);
          float[][] dst = out.get(t);
          for (int i = 0; i < batch.size(); i++) {
            float[] row = new float[k];
            System.arraycopy(flat, i * k, row, 0, k);
            dst[order[start + i]] = row;
          }
        }
      }
      start = end;
    }
    return out;
  }
}
