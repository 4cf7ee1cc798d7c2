package com.finpulse.bench.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a series sampled once a minute stayed flat: the least-squares slope per hour over the
 * points after the warm-up, against a limit. A series is GROWING when its slope is above the limit
 * and more than two standard errors above zero (noise alone rarely gets there); otherwise FLAT.
 */
final class Flatness {

  /** Fewest points after the warm-up that a slope and its standard error can come from. */
  static final int MIN_POINTS = 3;

  enum Verdict {
    FLAT,
    GROWING
  }

  /**
   * @param slopePerHour least-squares slope, in the series' unit per hour
   * @param standardError the slope's standard error (0 for points exactly on a line)
   * @param level the mean of the fitted points
   */
  record Fit(double slopePerHour, double standardError, double level, int points) {}

  /**
   * The limit on a series' slope per hour: {@code relative} of its level, or {@code absolute},
   * whichever is larger.
   */
  record Limit(double relative, double absolute) {

    static Limit relative(double share) {
      return new Limit(share, 0);
    }

    static Limit absolute(double perHour) {
      return new Limit(0, perHour);
    }

    double perHour(double level) {
      return Math.max(relative * Math.abs(level), absolute);
    }
  }

  private Flatness() {}

  /**
   * Fits the points at {@code minutes} after {@code warmUpMinutes}; NaN values (nothing measured
   * that minute) are left out.
   *
   * @throws IllegalArgumentException when fewer than {@value #MIN_POINTS} points remain
   */
  static Fit fit(double[] minutes, double[] values, double warmUpMinutes) {
    if (minutes.length != values.length) {
      throw new IllegalArgumentException(
          minutes.length + " sample times for " + values.length + " values");
    }
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < minutes.length; i++) {
      if (minutes[i] > warmUpMinutes && !Double.isNaN(values[i])) {
        points.add(new double[] {minutes[i] / 60.0, values[i]});
      }
    }
    int n = points.size();
    if (n < MIN_POINTS) {
      throw new IllegalArgumentException(
          "a slope needs at least "
              + MIN_POINTS
              + " points after the warm-up of "
              + fmt(warmUpMinutes)
              + " min, got "
              + n);
    }
    double mx = 0;
    double my = 0;
    for (double[] p : points) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : points) {
      sxx += (p[0] - mx) * (p[0] - mx);
      sxy += (p[0] - mx) * (p[1] - my);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("the points after the warm-up are all at one time");
    }
    double slope = sxy / sxx;
    double residuals = 0;
    for (double[] p : points) {
      double r = p[1] - (my + slope * (p[0] - mx));
      residuals += r * r;
    }
    double standardError = Math.sqrt(residuals / (n - 2) / sxx);
    return new Fit(slope, standardError, my, n);
  }

  static Verdict verdict(Fit fit, Limit limit) {
    boolean growing =
        fit.slopePerHour() > limit.perHour(fit.level())
            && fit.slopePerHour() > 2 * fit.standardError();
    return growing ? Verdict.GROWING : Verdict.FLAT;
  }

  private static String fmt(double minutes) {
    return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
  }
}
