package com.finpulse.alerts.subscription;

import com.finpulse.alerts.event.Severity;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A daily period in which a subscription's notifications are held back, as Alertmanager's mute time
 * intervals: nothing is dropped, the group is notified with its then current state at the first
 * flush after the period.
 *
 * @param from start, local time; may be after {@code to} (over midnight)
 * @param to end, local time (exclusive)
 * @param minSeverity alerts of this severity and above still go out during quiet hours; absent:
 *     everything waits
 */
public record QuietHours(
    LocalTime from, LocalTime to, ZoneId timeZone, @Nullable Severity minSeverity)
    implements Validated {

  public boolean contains(Instant t) {
    LocalTime local = t.atZone(timeZone).toLocalTime();
    if (from.isBefore(to)) {
      return !local.isBefore(from) && local.isBefore(to);
    }
    return !local.isBefore(from) || local.isBefore(to);
  }

  /** Whether an alert of {@code severity} may go out at {@code t}. */
  public boolean lets(Severity severity, Instant t) {
    return !contains(t) || (minSeverity != null && severity.atLeast(minSeverity));
  }

  /** The first end of the period after {@code t}. */
  public Instant nextEnd(Instant t) {
    ZonedDateTime z = t.atZone(timeZone);
    ZonedDateTime end = z.with(to);
    if (!end.isAfter(z)) {
      end = end.plusDays(1);
    }
    return end.toInstant();
  }

  @Override
  public void validate(Validation v) {
    v.check(from != null, "from", "must be set (HH:mm)");
    v.check(to != null, "to", "must be set (HH:mm)");
    v.check(timeZone != null, "time_zone", "must be set, e.g. Europe/London");
    v.check(from == null || !from.equals(to), "to", "must differ from 'from'");
  }
}
