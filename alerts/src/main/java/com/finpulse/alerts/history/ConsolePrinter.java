package com.finpulse.alerts.history;

import com.finpulse.alerts.detect.AlertText;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Prints alert state changes for the person watching {@code ./finpulse up}. */
public final class ConsolePrinter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final MeterRegistry meters;

  public ConsolePrinter(PrintStream out, MeterRegistry meters) {
    this.out = out;
    this.meters = meters;
  }

  public void print(Alert a) {
    String state =
        a.status() == AlertStatus.FIRING
            ? "ALERT " + a.severity().label().toUpperCase(Locale.ROOT)
            : "RESOLVED";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "[%s] %-16s %s (%s): %s",
            TIME.format(a.updatedAt()),
            state,
            AlertText.subject(a.keyKind(), a.key()),
            a.window().label(),
            a.summary()));
    if (a.status() == AlertStatus.FIRING) {
      for (EvidenceHeadline h : a.evidence().subList(0, Math.min(3, a.evidence().size()))) {
        sb.append(String.format(Locale.ROOT, "%n    %+.2f  %s", h.sentimentScore(), h.title()));
      }
    }
    synchronized (out) {
      out.println(sb);
      out.flush();
    }
    meters
        .counter(MeterNames.ALERTS_NOTIFICATIONS, "channel", "console", "outcome", "delivered")
        .increment();
  }
}
