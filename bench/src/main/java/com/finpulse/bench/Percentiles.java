package com.finpulse.bench;

import java.util.Arrays;

/** Quantiles of measured values (latencies) as the benchmarks report them. */
public final class Percentiles {

  private Percentiles() {}

  /** The {@code p} quantile of {@code values} by nearest rank; NaN when there are none. */
  public static double of(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
