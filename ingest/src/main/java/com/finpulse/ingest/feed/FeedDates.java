package com.finpulse.ingest.feed;

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
import java.util.Map;
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

  /** English, plus the Portuguese, Spanish, French and German abbreviations feeds use. */
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("fev", 2),
          Map.entry("abr", 4),
          Map.entry("mai", 5),
          Map.entry("ago", 8),
          Map.entry("set", 9),
          Map.entry("out", 10),
          Map.entry("dez", 12),
          Map.entry("ene", 1),
          Map.entry("dic", 12),
          Map.entry("janv", 1),
          Map.entry("févr", 2),
          Map.entry("fév", 2),
          Map.entry("mars", 3),
          Map.entry("avr", 4),
          Map.entry("juin", 6),
          Map.entry("juil", 7),
          Map.entry("aoû", 8),
          Map.entry("août", 8),
          Map.entry("déc", 12),
          Map.entry("mär", 3),
          Map.entry("mrz", 3),
          Map.entry("okt", 10),
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));

  /** RFC 822 zone names, plus the ones feeds use in practice. */
  private static final Map<String, Integer> ZONES_HOURS =
      Map.ofEntries(
          Map.entry("GMT", 0),
          Map.entry("UT", 0),
          Map.entry("UTC", 0),
          Map.entry("Z", 0),
          Map.entry("EST", -5),
          Map.entry("EDT", -4),
          Map.entry("CST", -6),
          Map.entry("CDT", -5),
          Map.entry("MST", -7),
          Map.entry("MDT", -6),
          Map.entry("PST", -8),
          Map.entry("PDT", -7),
          Map.entry("BST", 1),
          Map.entry("CET", 1),
          Map.entry("CEST", 2));

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
    String monthName = m.group(2).toLowerCase(Locale.ROOT);
    Integer month = MONTHS.get(monthName);
    if (month == null) {
      month = MONTHS.get(monthName.substring(0, 3));
    }
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
    Integer hours = ZONES_HOURS.get(z.toUpperCase(Locale.ROOT));
    // An unknown zone name: the clock time is still right to within a day; read it as UTC.
    return hours == null ? ZoneOffset.UTC : ZoneOffset.ofHours(hours);
  }
}
