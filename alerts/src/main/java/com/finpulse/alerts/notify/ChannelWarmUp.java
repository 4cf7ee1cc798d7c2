package com.finpulse.alerts.notify;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.Severity;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a sample notification (never sent) through each channel in the background at start, so
 * the first real alert does not pay for class loading and JIT warm-up.
 */
public final class ChannelWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelWarmUp.class);

  private ChannelWarmUp() {}

  public static void startInBackground(List<Channel> channels, Clock clock) {
    Thread t =
        new Thread(
            () -> {
              Notification sample = sample(clock.instant());
              for (Channel c : channels) {
                try {
                  c.warmUp(sample);
                } catch (RuntimeException e) {
                  LOG.warn(
                      "Warming up a notification channel failed ({}); the first alert will be"
                          + " slower, nothing else changes",
                      e.toString());
                }
              }
            },
            "alerts-channel-warm-up");
    t.setDaemon(true);
    t.start();
  }

  static Notification sample(Instant now) {
    Alert a =
        new Alert(
            "warm-up",
            KeyKind.TOPIC,
            "warm-up",
            TrendWindow.ONE_MINUTE,
            Severity.WARNING,
            AlertStatus.FIRING,
            now,
            null,
            now,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            "",
            List.of(),
            now,
            0L,
            0.0,
            0.0);
    return new Notification(
        "warm-up",
        NotificationKind.ALERT,
        "warm-up",
        new Target.Email("warm-up@example.invalid"),
        "warm-up",
        AlertStatus.FIRING,
        List.of(new NotifiedItem(a, a.severity())),
        null,
        now);
  }
}
