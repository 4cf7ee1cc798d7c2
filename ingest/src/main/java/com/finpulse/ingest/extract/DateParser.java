package com.finpulse.ingest.extract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the dates publishers write: ISO-8601 and its sloppy relatives ({@code 2019-04-28 06:01:07},
 * {@code +0100}, {@code .000000}), compact {@code 20231106}, epoch seconds or milliseconds, RFC
 * 1123, and English prose dates ({@code Nov. 6, 2023 3:05 PM EST}, {@code 6 November 2023}). A time
 * without a zone is taken as UTC, a date without a time as midnight UTC; {@link Parsed#precision}
 * says which, so callers can prefer the more precise candidate.
 */
final class DateParser {

  /** How much of the instant the source stated. */
  enum Precision {
    DATE,
    LOCAL_TIME,
    ZONED_TIME
  }

  record Parsed(Instant instant, Precision precision) {}

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})"
              + "(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
              + "\\s*(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2}(?!\\d)|UTC|GMT|[A-Z]{2,4}T)?");
  private static final Pattern COMPACT =
      Pattern.compile(
          "^(\\d{4})(\\d{2})(\\d{2})(?:T?(\\d{2})(\\d{2})(\\d{2})?)?(Z|[+-]\\d{2}:?\\d{2})?$");
  private static final Pattern ISO_DATE_IN_TEXT =
      Pattern.compile("\\b(19|20)\\d{2}[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\\d|3[01])\\b");
  private static final Pattern EPOCH = Pattern.compile("^\\d{10}(\\d{3})?$");

  private static final String MONTH_NAMES =
      "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
  private static final String TIME =
      "(?:[^0-9]{0,12}?(\\d{1,2})[:.](\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?\\s?m\\.?)?)?"
          + "\\s*(?:\\(?\\s*([A-Z]{2,5}|[+-]\\d{2}:?\\d{2})\\)?)?";

  /** "November 6, 2023", "Nov. 6 2023 at 3:05 p.m. EST". */
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile(
          "\\b(" + MONTH_NAMES + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b" + TIME,
          Pattern.CASE_INSENSITIVE);

  /** "6 November 2023", "06 Nov 2023 10:00:00 GMT". */
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(" + MONTH_NAMES + ")\\.?,?\\s+(\\d{4})\\b" + TIME,
          Pattern.CASE_INSENSITIVE);

  /** Plausible publication years: older is a parse error, newer is a typo. */
  private static final int MIN_YEAR = 1990;

  private static final int MAX_YEAR = 2100;

  private DateParser() {}

  /** Parses a machine-readable value (a meta content, a datetime attribute, a JSON-LD field). */
  static @Nullable Parsed parse(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.isEmpty() || s.length() > 200) {
      return null;
    }
    if (EPOCH.matcher(s).matches()) {
      long v = Long.parseLong(s);
      Instant i = s.length() == 13 ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
      return plausible(new Parsed(i, Precision.ZONED_TIME));
    }
    Matcher c = COMPACT.matcher(s);
    if (c.matches()) {
      return build(
          c.group(1), c.group(2), c.group(3), c.group(4), c.group(5), c.group(6), null, c.group(7));
    }
    Matcher m = ISO.matcher(s);
    if (m.find()) {
      return build(
          m.group(1),
          m.group(2),
          m.group(3),
          m.group(4),
          m.group(5),
          m.group(6),
          m.group(7),
          m.group(8));
    }
    return parseProse(s);
  }

  /** True when the text contains an ISO-style date (2019-09-16, 2019/09/16). */
  static boolean findIso(String s) {
    return ISO_DATE_IN_TEXT.matcher(s).find();
  }

  /** Finds an English prose date in running text ("Updated 3:05 PM EDT, Mon November 6, 2023"). */
  static @Nullable Parsed parseProse(String s) {
    Matcher m = MONTH_DAY_YEAR.matcher(s);
    if (m.find()) {
      Parsed p = fromProse(m.group(3), m.group(1), m.group(2), m, 4);
      if (p != null) {
        return p;
      }
    }
    m = DAY_MONTH_YEAR.matcher(s);
    if (m.find()) {
      return fromProse(m.group(3), m.group(2), m.group(1), m, 4);
    }
    return null;
  }

  private static @Nullable Parsed fromProse(
      String year, String monthName, String day, Matcher m, int timeGroup) {
    Integer month = DateNames.month(monthName.substring(0, 3));
    if (month == null) {
      return null;
    }
    String hour = m.group(timeGroup);
    String minute = m.group(timeGroup + 1);
    String second = m.group(timeGroup + 2);
    String ampm = m.group(timeGroup + 3);
    String zone = m.group(timeGroup + 4);
    if (hour != null && ampm != null) {
      int h = Integer.parseInt(hour) % 12;
      if (Character.toLowerCase(ampm.charAt(0)) == 'p') {
        h += 12;
      }
      hour = Integer.toString(h);
    }
    if (zone != null && DateNames.zone(zone) == null && !zone.matches("[+-].*")) {
      zone = null;
    }
    if (hour == null) {
      zone = null;
    }
    return build(year, Integer.toString(month), day, hour, minute, second, null, zone);
  }

  private static @Nullable Parsed build(
      String year,
      String month,
      String day,
      @Nullable String hour,
      @Nullable String minute,
      @Nullable String second,
      @Nullable String fraction,
      @Nullable String zone) {
    try {
      LocalDate date =
          LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
      if (hour == null) {
        return plausible(new Parsed(date.atStartOfDay().toInstant(ZoneOffset.UTC), Precision.DATE));
      }
      int nanos = 0;
      if (fraction != null) {
        nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
      }
      LocalDateTime local =
          LocalDateTime.of(
              date,
              LocalTime.of(
                  Integer.parseInt(hour),
                  Integer.parseInt(minute),
                  second == null ? 0 : Integer.parseInt(second),
                  nanos));
      ZoneOffset offset = offset(zone);
      if (offset == null) {
        return plausible(new Parsed(local.toInstant(ZoneOffset.UTC), Precision.LOCAL_TIME));
      }
      return plausible(new Parsed(local.toInstant(offset), Precision.ZONED_TIME));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable ZoneOffset offset(@Nullable String zone) {
    if (zone == null) {
      return null;
    }
    ZoneOffset named = DateNames.zone(zone);
    if (named != null) {
      return named;
    }
    String z = zone.toUpperCase(Locale.ROOT);
    if (z.startsWith("+") || z.startsWith("-")) {
      String digits = z.substring(1).replace(":", "");
      int h = Integer.parseInt(digits.substring(0, 2));
      int m = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
      int total = h * 3600 + m * 60;
      return ZoneOffset.ofTotalSeconds(z.startsWith("-") ? -total : total);
    }
    return null;
  }

  private static @Nullable Parsed plausible(Parsed p) {
    int year = p.instant().atOffset(ZoneOffset.UTC).getYear();
    return year >= MIN_YEAR && year <= MAX_YEAR ? p : null;
  }
}
