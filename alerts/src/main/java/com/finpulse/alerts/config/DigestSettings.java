package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The daily digest's defaults; a subscription may choose its own time and zone.
 *
 * @param movers how many biggest movers to list
 * @param headlines how many most negative headlines to list
 * @param minArticles keys with fewer articles in the day are not movers
 * @param catchUp a digest missed while the service was down is sent at start when at most this late
 */
public record DigestSettings(
    boolean enabled,
    LocalTime time,
    ZoneId timeZone,
    int movers,
    int headlines,
    int minArticles,
    Duration catchUp)
    implements Validated {

  @Override
  public void validate(Validation v) {
    v.check(movers >= 0 && movers <= 50, "movers", "must be in [0, 50]");
    v.check(headlines >= 0 && headlines <= 50, "headlines", "must be in [0, 50]");
    v.check(minArticles >= 1, "min_articles", "must be >= 1");
    v.check(!catchUp.isNegative(), "catch_up", "must not be negative");
  }
}
