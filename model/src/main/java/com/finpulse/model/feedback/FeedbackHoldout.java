package com.finpulse.model.feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The feedback dev set: the latest corrections by time ({@code at}; equal instants ordered by
 * record key, so the split is the same every run) are held out, never trained on, and measure how
 * far the model agrees with analysts before and after. The share is {@value #DEV_SHARE}, at least
 * one correction once there are two.
 *
 * @param train the earlier corrections, oldest first
 * @param dev the latest corrections, oldest first
 */
public record FeedbackHoldout(List<Correction> train, List<Correction> dev) {

  public static final double DEV_SHARE = 0.2;

  private static final Comparator<Correction> BY_TIME =
      Comparator.comparing((Correction c) -> c.feedback().at())
          .thenComparing(c -> c.feedback().recordKey());

  public static FeedbackHoldout of(List<Correction> corrections) {
    List<Correction> sorted = new ArrayList<>(corrections);
    sorted.sort(BY_TIME);
    int n = sorted.size();
    int dev = n < 2 ? 0 : Math.max(1, (int) Math.floor(n * DEV_SHARE));
    return new FeedbackHoldout(
        List.copyOf(sorted.subList(0, n - dev)), List.copyOf(sorted.subList(n - dev, n)));
  }
}
