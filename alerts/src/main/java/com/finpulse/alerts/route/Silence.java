package com.finpulse.alerts.route;

import com.finpulse.alerts.event.Alert;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Mutes matching alerts between {@code startsAt} and {@code endsAt}. Every matcher that is set must
 * match; an unset matcher matches anything.
 *
 * @param subscription only this subscription's notifications; absent: everyone's
 */
public record Silence(
    String id,
    @Nullable KeyKind keyKind,
    @Nullable String key,
    @Nullable TrendWindow window,
    @Nullable String subscription,
    String createdBy,
    String comment,
    Instant startsAt,
    Instant endsAt) {

  public boolean activeAt(Instant t) {
    return !t.isBefore(startsAt) && t.isBefore(endsAt);
  }

  public boolean matches(Alert a, String subscriptionName) {
    return (keyKind == null || keyKind == a.keyKind())
        && (key == null || key.toLowerCase(Locale.ROOT).equals(a.key().toLowerCase(Locale.ROOT)))
        && (window == null || window == a.window())
        && (subscription == null || subscription.equals(subscriptionName));
  }

  public Silence expiredAt(Instant t) {
    return new Silence(
        id,
        keyKind,
        key,
        window,
        subscription,
        createdBy,
        comment,
        startsAt.isAfter(t) ? t : startsAt,
        t);
  }

  /** Problems of a silence submitted through the API. */
  public void validate(Validation v) {
    v.check(
        keyKind != null || key != null || window != null || subscription != null,
        "key_kind",
        "set at least one matcher (key_kind, key, window, subscription): a silence of everything"
            + " is a mistake");
    v.check(endsAt.isAfter(startsAt), "ends_at", "must be after starts_at");
    v.notBlank(createdBy, "created_by");
    v.notBlank(comment, "comment");
  }
}
