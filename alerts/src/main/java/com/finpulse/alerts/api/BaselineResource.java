package com.finpulse.alerts.api;

import com.finpulse.alerts.detect.BaselineTrace;
import com.finpulse.alerts.detect.DetectionSettings;
import com.finpulse.alerts.detect.Observation;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.history.AlertBook;
import com.finpulse.alerts.history.TrendReader;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /trends/baseline?key_kind=…&key=K&window=…&range=…}: what each window of one key was
 * compared with, the detector's baseline negative share and its sigma over time ({@link
 * BaselineTrace}: the trend points from InfluxDB through the detector's own rule, warmed up on the
 * three baseline spans before the range, with the key's alert episodes kept out as the detector
 * keeps them out).
 */
final class BaselineResource implements ApiResource {

  private static final int ALERTS_SCANNED = 1000;
  private static final int WARM_UP_SPANS = 3;

  private final HistoryReads history;
  private final AlertBook book;
  private final DetectionSettings settings;
  private final Clock clock;

  BaselineResource(HistoryReads history, AlertBook book, DetectionSettings settings, Clock clock) {
    this.history = history;
    this.book = book;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/trends/baseline", Access.SIGNED_IN, this::read);
  }

  private void read(Context ctx) {
    KeyKind kind = Requests.enumChoice(ctx, "key_kind", KeyKind.class, KeyKind::label);
    TrendWindow window = Requests.enumChoice(ctx, "window", TrendWindow.class, TrendWindow::label);
    String key = Requests.optional(ctx, "key");
    if (key == null) {
      throw new ApiException(400, "key is required: the baseline is per key");
    }
    Duration size = window.size();
    Instant to = clock.instant();
    Instant from = to.minus(Requests.range(ctx));
    Instant warmFrom =
        from.minus(size.multipliedBy((long) WARM_UP_SPANS * settings.baselineSpan()));
    Map<Instant, Observation> windows = new HashMap<>();
    for (TrendReader.Series s : history.trendsOrRefuse().read(kind, key, window, warmFrom, to)) {
      for (TrendReader.Sample p : s.points()) {
        windows.put(
            p.time(),
            Observation.ofCounts(
                p.count(), p.novelCount(), p.novelNegative(), p.meanScore(), p.time()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_kind", kind);
    out.put("key", key);
    out.put("window", window);
    out.put("from", from);
    out.put("to", to);
    out.put(
        "points",
        BaselineTrace.trace(settings, windows, size, episodes(kind, key, window, to), from, to));
    ctx.json(out);
  }

  /** The key's alert episodes the service remembers: first abnormal window to last abnormal one. */
  private List<BaselineTrace.Episode> episodes(
      KeyKind kind, String key, TrendWindow window, Instant now) {
    Map<String, Instant> starts = new LinkedHashMap<>();
    Map<String, Instant> ends = new HashMap<>();
    for (Alert a : book.recent(ALERTS_SCANNED)) {
      if (a.keyKind() != kind || !a.key().equals(key) || a.window() != window) {
        continue;
      }
      switch (a.status()) {
        case FIRING -> starts.merge(a.id(), a.windowStart(), (x, y) -> x.isBefore(y) ? x : y);
        case RESOLVED -> {
          if (a.endsAt() != null) {
            // The last resolve_after_windows windows before the end were the normal ones.
            ends.put(
                a.id(),
                a.endsAt().minus(window.size().multipliedBy(settings.resolveAfterWindows())));
          }
        }
      }
    }
    List<BaselineTrace.Episode> out = new ArrayList<>();
    starts.forEach(
        (id, start) -> out.add(new BaselineTrace.Episode(start, ends.getOrDefault(id, now))));
    return out;
  }
}
