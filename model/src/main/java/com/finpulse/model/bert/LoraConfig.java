package com.finpulse.model.bert;

import java.util.EnumSet;
import java.util.Set;

/**
 * LoRA adapter settings: {@code W' = W + (alpha / rank) * B A}, A [rank, in], B [out, rank].
 *
 * @param dropout applied to the adapter's input during training only
 */
public record LoraConfig(int rank, double alpha, Set<LoraTarget> targets, double dropout) {

  public LoraConfig {
    if (rank <= 0) {
      throw new IllegalArgumentException("LoRA rank must be positive, got " + rank);
    }
    if (alpha <= 0) {
      throw new IllegalArgumentException("LoRA alpha must be positive, got " + alpha);
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
    }
    targets = java.util.Collections.unmodifiableSet(EnumSet.copyOf(targets));
  }

  public float scale() {
    return (float) (alpha / rank);
  }
}
