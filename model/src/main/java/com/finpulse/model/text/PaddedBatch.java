package com.finpulse.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Token id, type id and mask arrays [B, T] for one batch, padded to its longest text (dynamic
 * padding), created in the batch's own manager.
 */
public record PaddedBatch(NDArray ids, NDArray typeIds, NDArray mask) {

  public static PaddedBatch of(List<TokenizedText> texts, NDManager scope) {
    int b = texts.size();
    int t = 1;
    for (TokenizedText x : texts) {
      t = Math.max(t, x.length());
    }
    long[] ids = new long[b * t];
    long[] types = new long[b * t];
    long[] mask = new long[b * t];
    for (int i = 0; i < b; i++) {
      TokenizedText x = texts.get(i);
      System.arraycopy(x.ids(), 0, ids, i * t, x.length());
      System.arraycopy(x.typeIds(), 0, types, i * t, x.length());
      for (int j = 0; j < x.length(); j++) {
        mask[i * t + j] = 1;
      }
    }
    Shape shape = new Shape(b, t);
    return new PaddedBatch(
        scope.create(ids, shape), scope.create(types, shape), scope.create(mask, shape));
  }

  public long tokens() {
    return ids.getShape().get(0) * ids.getShape().get(1);
  }
}
