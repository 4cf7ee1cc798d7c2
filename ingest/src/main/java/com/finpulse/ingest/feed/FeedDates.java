package com.finpulse.ingest.feed;

import com.finpulse.ingest.extract.DateNames;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the dates feeds and data files actually contain: RFC 822 as RSS writes it (with or without
 * weekday and seconds, two-digit years, numeric offsets or North American zone names such as EST),
 * ISO-8601 / RFC 3339 as Atom and JSON write it (with {@code T} or a space, with or without offset
 * and fraction), bare dates, and epoch seconds or milliseconds. A time without a zone is UTC.
 */
public final class FeedDates {

  private static final Pattern RFC_822 =
      Pattern.compile(
          "^(?:\\p{L}{2,9}\\.?,?\\s*)?(\\d{1,2})[\\s-]+(\\p{L}{3,9})\\.?[\\s-]+(\\d{2,4})"
              + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?\\s*$");

  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final Pattern EPOCH = Pattern.compile("\\d{9,13}(\\.\\d+)?");

  private FeedDates() {}

  /** The instant the text names, or null when it names none that can be read. */
  public static @Nullable Instant parse(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (EPOCH.matcher(s).matches()) {
      double v = Double.parseDouble(s);
      // Seconds until the year 2286; milliseconds after that.
      return v < 1e10 ? Instant.ofEpochMilli((long) (v * 1000)) : Instant.ofEpochMilli((long) v);
    }
    if (Character.isDigit(s.charAt(0)) && s.length() >= 10 && s.charAt(4) == '-') {
      return iso(s);
    }
    return rfc822(s);
  }

  private static @Nullable Instant iso(String s) {
    try {
      var parsed = ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (parsed instanceof OffsetDateTime odt) {
        return odt.toInstant();
      }
      if (parsed instanceof LocalDateTime ldt) {
        return ldt.toInstant(ZoneOffset.UTC);
      }
      return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Instant rfc822(String s) {
    Matcher m = RFC_822.matcher(s);
    if (!m.matches()) {
      return null;
    }
    Integer month = DateNames.month(m.group(2));
    if (month == null) {
      return null;
    }
    int year = Integer.parseInt(m.group(3));
    if (m.group(3).length() == 2) {
      year += year < 70 ? 2000 : 1900;
    }
    int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    ZoneOffset offset = zone(m.group(7));
    if (offset == null) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, Integer.parseInt(m.group(1)), hour, minute, second)
          .toInstant(offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable ZoneOffset zone(@Nullable String z) {
    if (z == null) {
      return ZoneOffset.UTC;
    }
    if (z.startsWith("+") || z.startsWith("-")) {
      String digits = z.replace(":", "");
      int sign = z.startsWith("-") ? -1 : 1;
      int hh = Integer.parseInt(digits.substring(1, 3));
      int mm = Integer.parseInt(digits.substring(3, 5));
      try {
        return ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
      } catch (DateTimeException e) {
        return null;
      }
    }
    ZoneOffset named = DateNames.zone(z);
    // An unknown zone name: the clock time is still right to within a day; read it as UTC.
    return named == null ? ZoneOffset.UTC : named;
  }
}
