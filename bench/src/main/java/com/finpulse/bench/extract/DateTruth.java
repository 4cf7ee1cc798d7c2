package com.finpulse.bench.extract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import org.jspecify.annotations.Nullable;

/**
 * Publish-date correctness against ground truth that comes in three precisions, judged by what each
 * states:
 *
 * <ul>
 *   <li><b>instant</b> (a time with a zone or offset: fundus, most Readability cases): correct when
 *       the extracted instant is within 60 s of it;
 *   <li><b>local time</b> (a time without a zone, e.g. {@code 2019-04-28 06:01:07}): correct when
 *       the extracted instant is that wall-clock time, within 60 s, at some UTC offset between
 *       -12:00 and +14:00 on a quarter-hour;
 *   <li><b>date</b> (a date alone, or a zone-less midnight, which is how newspaper4k writes dates
 *       it took from the URL): correct when the extracted instant falls on that calendar date at
 *       some UTC offset between -12:00 and +14:00.
 * </ul>
 *
 * Pages without a ground-truth date are not counted.
 */
final class DateTruth {

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();
  private static final DateTimeFormatter ZONED =
      new DateTimeFormatterBuilder()
          .append(LOCAL)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter();
  private static final DateTimeFormatter ZONED_COMPACT =
      new DateTimeFormatterBuilder().append(LOCAL).appendOffset("+HHMM", "Z").toFormatter();

  private static final long TOLERANCE_S = 60;
  private static final long MIN_OFFSET_S = -12 * 3600;
  private static final long MAX_OFFSET_S = 14 * 3600;

  private DateTruth() {}

  /**
   * @return true/false when the truth can be read; null when it cannot (reported, not counted)
   */
  static @Nullable Boolean matches(String truth, @Nullable Instant extracted) {
    String t = truth.strip().replace("Z", "+00:00");
    Instant zoned = parseZoned(t);
    if (zoned != null) {
      return extracted != null
          && Math.abs(Duration.between(zoned, extracted).toSeconds()) <= TOLERANCE_S;
    }
    LocalDateTime local = parseLocal(t);
    if (local == null) {
      return null;
    }
    if (extracted == null) {
      return false;
    }
    if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      LocalDate day = local.toLocalDate();
      Instant from = day.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(MAX_OFFSET_S);
      Instant to =
          day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(MIN_OFFSET_S);
      return !extracted.isBefore(from) && extracted.isBefore(to);
    }
    long offset = local.toInstant(ZoneOffset.UTC).getEpochSecond() - extracted.getEpochSecond();
    if (offset < MIN_OFFSET_S - TOLERANCE_S || offset > MAX_OFFSET_S + TOLERANCE_S) {
      return false;
    }
    long quarterHours = Math.round(offset / 900.0);
    return Math.abs(offset - quarterHours * 900) <= TOLERANCE_S;
  }

  private static @Nullable Instant parseZoned(String t) {
    for (DateTimeFormatter f : new DateTimeFormatter[] {ZONED, ZONED_COMPACT}) {
      try {
        return OffsetDateTime.parse(t, f).toInstant();
      } catch (DateTimeParseException e) {
        // next format
      }
    }
    return null;
  }

  private static @Nullable LocalDateTime parseLocal(String t) {
    try {
      return LocalDateTime.parse(t, LOCAL);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(t).atStartOfDay();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
