package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the dashboards are, for links in notifications.
 *
 * @param dashboardUid the drill-down dashboard; it takes the variables {@code key_kind}, {@code
 *     key} and {@code window}
 */
public record GrafanaSettings(String baseUrl, String dashboardUid) implements Validated {

  public GrafanaSettings {
    baseUrl =
        baseUrl != null && baseUrl.endsWith("/")
            ? baseUrl.substring(0, baseUrl.length() - 1)
            : baseUrl;
  }

  /** The drill-down of one key around {@code at}: from six windows before to two after. */
  public String drillDownUrl(KeyKind kind, String key, TrendWindow window, Instant at) {
    Duration size = window.size();
    long from = at.minus(size.multipliedBy(30)).toEpochMilli();
    long to = at.plus(size.multipliedBy(10)).toEpochMilli();
    return baseUrl
        + "/d/"
        + dashboardUid
        + "?var-key_kind="
        + kind.label()
        + "&var-key="
        + URLEncoder.encode(key, StandardCharsets.UTF_8)
        + "&var-window="
        + window.label()
        + "&from="
        + from
        + "&to="
        + to;
  }

  @Override
  public void validate(Validation v) {
    v.httpUrl(baseUrl, "base_url");
    v.check(
        dashboardUid != null && dashboardUid.matches("[A-Za-z0-9_-]+"),
        "dashboard_uid",
        "use letters, digits, '_' and '-' only");
  }
}
