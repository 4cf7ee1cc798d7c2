package com.finpulse.model.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Locale;

/** How token states become one sentence vector. */
public enum Pooling {
  /** Mean over real tokens (mask-weighted). */
  MEAN,
  /** The [CLS] token's state. */
  CLS;

  /**
   * @param hidden [B, T, H]
   * @param mask [B, T]
   * @return [B, H]
   */
  public NDArray pool(NDArray hidden, NDArray mask) {
    if (this == CLS) {
      return hidden.get(new NDIndex(":, 0, :"));
    }
    NDArray m = mask.toType(hidden.getDataType(), false).expandDims(-1);
    return hidden.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1e-9f));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Pooling parse(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }
}
