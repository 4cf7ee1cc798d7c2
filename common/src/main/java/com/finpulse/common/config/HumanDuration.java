package com.finpulse.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, the one parser of YAML, the command line and the REST API: {@code
 * 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, a combination like {@code 1h30m}, or
 * ISO-8601 ({@code PT30S}). A bare number is rejected: seconds or milliseconds would be a guess.
 */
public final class HumanDuration {

  /** What every error message shows as the accepted forms. */
  public static final String EXAMPLES = "30s, 5m, 250ms or 1h30m";

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private HumanDuration() {}

  /**
   * @throws IllegalArgumentException with a message fit for a config error or a 400 answer (no
   *     exception class names), also for amounts too large to represent
   */
  public static Duration parse(String text) {
    String s = text.toLowerCase(Locale.ROOT).replace(" ", "");
    if (s.startsWith("p")) {
      try {
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration");
      }
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    try {
      while (m.find()) {
        if (m.start() != end) {
          break;
        }
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
        end = m.end();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text.trim() + "' is too long to represent");
    }
    if (end == 0 || end != s.length()) {
      throw new IllegalArgumentException("expected a duration such as " + EXAMPLES);
    }
    return total;
  }
}
