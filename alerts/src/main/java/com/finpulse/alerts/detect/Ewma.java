package com.finpulse.alerts.detect;

/**
 * Exponentially weighted mean and variance (West's incremental form). Until {@code 1/alpha} samples
 * are in, the weight is {@code 1/(n+1)}: the first samples form a plain average instead of the
 * first one dominating for a long time.
 */
public record Ewma(double mean, double variance, long samples) {

  public static final Ewma EMPTY = new Ewma(0, 0, 0);

  public Ewma update(double x, double alpha) {
    if (samples == 0) {
      return new Ewma(x, 0, 1);
    }
    double a = Math.max(alpha, 1.0 / (samples + 1));
    double diff = x - mean;
    double increment = a * diff;
    return new Ewma(mean + increment, (1 - a) * (variance + diff * increment), samples + 1);
  }

  public double sd() {
    return Math.sqrt(Math.max(0, variance));
  }
}
