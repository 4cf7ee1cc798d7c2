package com.finpulse.ingest.config;

import com.finpulse.common.cli.UsageException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Pace of a finite source: {@code factor} times real time, or as fast as possible.
 *
 * @param factor simulated (or recorded) seconds per real second; infinite for {@code max}
 */
public record Speed(double factor) {

  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

  public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);
  public static final Speed REAL_TIME = new Speed(1.0);

  public Speed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed must be > 0, got " + factor);
    }
  }

  static boolean isValid(String text) {
    if (text == null) {
      return false;
    }
    if (text.equals("max")) {
      return true;
    }
    return NUMBER.matcher(text).matches() && Double.parseDouble(text) > 0;
  }

  /**
   * @throws UsageException when the text is neither {@code max} nor a positive number
   */
  public static Speed parse(String text) {
    if (!isValid(text)) {
      throw new UsageException("--speed must be a positive number or max, got '" + text + "'");
    }
    return text.equals("max") ? MAX : new Speed(Double.parseDouble(text));
  }

  public boolean isMax() {
    return Double.isInfinite(factor);
  }

  /** Real time that {@code span} of recorded time takes at this speed (zero at max). */
  public Duration realTime(Duration span) {
    if (isMax()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (span.toNanos() / factor));
  }

  @Override
  public String toString() {
    return isMax()
        ? "max"
        : (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
            + "x";
  }
}
