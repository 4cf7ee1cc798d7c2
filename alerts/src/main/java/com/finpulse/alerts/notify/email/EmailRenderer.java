package com.finpulse.alerts.notify.email;

import com.finpulse.alerts.config.GrafanaSettings;
import com.finpulse.alerts.detect.AlertText;
import com.finpulse.alerts.digest.DigestReport;
import com.finpulse.alerts.digest.KeyDay;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.NotifiedItem;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders notifications as e-mail: a subject that says severity, key and the numbers, a plain-text
 * body and an HTML body with the same content: the trend numbers against the baseline, the evidence
 * headlines with links, and a link to the key's Grafana drill-down.
 */
public final class EmailRenderer {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final GrafanaSettings grafana;

  public EmailRenderer(GrafanaSettings grafana) {
    this.grafana = grafana;
  }

  public EmailMessage render(Notification n) {
    return switch (n.kind()) {
      case TEST -> test(n);
      case DIGEST -> digest(n);
      case ALERT -> alert(n);
    };
  }

  /**
   * {@code [FinPulse CRITICAL] topic banking (1m): 80% negative vs 19% baseline, z 5.8, 20
   * stories}; {@code (+1 more)} when the group holds more.
   */
  static String subject(Notification n) {
    NotifiedItem lead = n.firing().isEmpty() ? n.alerts().get(0) : n.firing().get(0);
    Alert a = lead.alert();
    String more = n.alerts().size() > 1 ? " (+" + (n.alerts().size() - 1) + " more)" : "";
    if (n.status() == AlertStatus.RESOLVED) {
      return String.format(
          Locale.ROOT,
          "[FinPulse RESOLVED] %s (%s): back to %.0f%% negative vs %.0f%% baseline%s",
          AlertText.subject(a.keyKind(), a.key()),
          a.window().label(),
          100 * a.observedNegativeShare(),
          100 * a.baselineNegativeShare(),
          more);
    }
    return String.format(
        Locale.ROOT,
        "[FinPulse %s] %s (%s): %.0f%% negative vs %.0f%% baseline, z %.1f, %d stories%s",
        lead.severity().label().toUpperCase(Locale.ROOT),
        AlertText.subject(a.keyKind(), a.key()),
        a.window().label(),
        100 * a.observedNegativeShare(),
        100 * a.baselineNegativeShare(),
        a.deviation(),
        a.novelCount() == null ? a.articleCount() : a.novelCount(),
        more);
  }

  private EmailMessage alert(Notification n) {
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder(htmlHead());
    for (NotifiedItem item : n.alerts()) {
      Alert a = item.alert();
      String link = grafana.drillDownUrl(a.keyKind(), a.key(), a.window(), a.startsAt());
      String state =
          a.status() == AlertStatus.FIRING
              ? item.severity().label().toUpperCase(Locale.ROOT)
              : "RESOLVED";
      List<String[]> rows = numbers(a);
      text.append(state).append(": ").append(a.summary()).append("\n\n");
      for (String[] r : rows) {
        text.append(String.format(Locale.ROOT, "  %-24s %s%n", r[0], r[1]));
      }
      html.append("<h2 style=\"margin:16px 0 4px\">")
          .append(Html.esc(state))
          .append(": ")
          .append(Html.esc(AlertText.subject(a.keyKind(), a.key())))
          .append(" (")
          .append(Html.esc(a.window().label()))
          .append(")</h2>\n<p>")
          .append(Html.esc(a.summary()))
          .append("</p>\n<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n");
      for (String[] r : rows) {
        html.append("<tr><th align=\"left\">")
            .append(Html.esc(r[0]))
            .append("</th><td>")
            .append(Html.esc(r[1]))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
      if (!a.evidence().isEmpty()) {
        text.append(
            a.status() == AlertStatus.FIRING
                ? "\nMost negative headlines in the window:\n"
                : "\nThe headlines that made it fire:\n");
        html.append("<h3 style=\"margin:12px 0 4px\">")
            .append(
                a.status() == AlertStatus.FIRING
                    ? "Most negative headlines in the window"
                    : "The headlines that made it fire")
            .append("</h3>\n<ol>\n");
        for (EvidenceHeadline h : a.evidence()) {
          text.append(
              String.format(
                  Locale.ROOT,
                  "  - %s (%s, score %.2f, %s)%s%n",
                  h.title(),
                  h.source(),
                  h.sentimentScore(),
                  TIME.format(h.eventTime()),
                  h.url() == null ? "" : "\n    " + h.url()));
          html.append("<li>");
          if (h.url() != null) {
            html.append("<a href=\"")
                .append(Html.href(h.url()))
                .append("\">")
                .append(Html.esc(h.title()))
                .append("</a>");
          } else {
            html.append(Html.esc(h.title()));
          }
          html.append(
                  String.format(
                      Locale.ROOT,
                      " <small>(%s, score %.2f, %s)</small>",
                      Html.esc(h.source()),
                      h.sentimentScore(),
                      Html.esc(TIME.format(h.eventTime()))))
              .append("</li>\n");
        }
        html.append("</ol>\n");
      } else if (a.status() == AlertStatus.FIRING) {
        text.append("\n(No negative headline of the window had reached the alerts service yet.)\n");
      }
      text.append("\nDashboard: ").append(link).append("\n\n");
      html.append("<p><a href=\"")
          .append(Html.href(link))
          .append("\">Open ")
          .append(Html.esc(AlertText.subject(a.keyKind(), a.key())))
          .append(" in Grafana</a></p>\n");
    }
    String footer =
        "You receive this because subscription '"
            + n.subscription()
            + "' covers "
            + (n.alerts().isEmpty()
                ? "these keys"
                : AlertText.subject(
                    n.alerts().get(0).alert().keyKind(), n.alerts().get(0).alert().key()))
            + ". Alert ids: "
            + String.join(", ", n.alerts().stream().map(i -> i.alert().id()).toList())
            + ". Notification "
            + n.id()
            + ".";
    text.append("--\n").append(footer).append('\n');
    html.append("<hr><p style=\"color:#666;font-size:small\">")
        .append(Html.esc(footer))
        .append("</p>\n</body></html>\n");
    return new EmailMessage(subject(n), text.toString(), html.toString());
  }

  private static List<String[]> numbers(Alert a) {
    long stories = a.novelCount() == null ? a.articleCount() : a.novelCount();
    return List.of(
        new String[] {"Window", a.window().label() + " from " + TIME.format(a.windowStart())},
        new String[] {
          "Stories", stories + " (" + a.articleCount() + " articles with syndicated copies)"
        },
        new String[] {
          "Negative share",
          String.format(
              Locale.ROOT,
              "%.1f%% vs baseline %.1f%% (sigma %.1f pts, z %.1f)",
              100 * a.observedNegativeShare(),
              100 * a.baselineNegativeShare(),
              100 * a.baselineDeviation(),
              a.deviation())
        },
        new String[] {
          "Negative stories",
          String.format(
              Locale.ROOT,
              "%d vs baseline %.1f (z %.1f)",
              a.observedNegativeVolume(),
              a.baselineNegativeVolume() == null ? 0.0 : a.baselineNegativeVolume(),
              a.volumeDeviation() == null ? 0.0 : a.volumeDeviation())
        },
        new String[] {
          "Mean sentiment score", String.format(Locale.ROOT, "%+.2f", a.observedMeanScore())
        },
        new String[] {"Started", TIME.format(a.startsAt())},
        new String[] {"Ended", a.endsAt() == null ? "still firing" : TIME.format(a.endsAt())});
  }

  private EmailMessage test(Notification n) {
    String subject = "[FinPulse TEST] Test notification for subscription " + n.subscription();
    String body =
        "This is a test notification, sent on request through the FinPulse alerts API to check"
            + " that e-mail reaches you. No action is needed.\n\nSubscription: "
            + n.subscription()
            + "\nNotification: "
            + n.id()
            + "\nDashboards: "
            + grafana.baseUrl()
            + "\n";
    String html =
        htmlHead()
            + "<p>This is a test notification, sent on request through the FinPulse alerts API to"
            + " check that e-mail reaches you. No action is needed.</p><p>Subscription: <b>"
            + Html.esc(n.subscription())
            + "</b><br>Notification: "
            + Html.esc(n.id())
            + "</p><p><a href=\""
            + Html.href(grafana.baseUrl())
            + "\">Dashboards</a></p></body></html>\n";
    return new EmailMessage(subject, body, html);
  }

  private EmailMessage digest(Notification n) {
    DigestReport d = n.digest();
    if (d == null) {
      throw new IllegalArgumentException("digest notification without a report");
    }
    String subject = "[FinPulse digest] " + n.subscription() + ", " + d.day() + ": " + headline(d);
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder(htmlHead());
    text.append(
        String.format(
            Locale.ROOT,
            "Daily digest for %s, the 24 hours to %s (%s). Alerts fired for your keys: %d.%n%n",
            n.subscription(),
            d.to().atZone(d.zone()).toLocalDateTime().withNano(0),
            d.zone(),
            d.alertsFired()));
    html.append("<h2>Daily digest for ")
        .append(Html.esc(n.subscription()))
        .append(", ")
        .append(Html.esc(d.day().toString()))
        .append("</h2>\n<p>The 24 hours to ")
        .append(Html.esc(d.to().atZone(d.zone()).toLocalDateTime().withNano(0).toString()))
        .append(" (")
        .append(Html.esc(d.zone().toString()))
        .append("). Alerts fired for your keys: ")
        .append(d.alertsFired())
        .append(".</p>\n");
    table(text, html, "Your keys: the day vs the prior week", d.keys());
    table(text, html, "Biggest movers (any key)", d.movers());
    if (!d.headlines().isEmpty()) {
      text.append("Most negative headlines of the day:\n");
      html.append("<h3>Most negative headlines of the day</h3>\n<ol>\n");
      for (EvidenceHeadline h : d.headlines()) {
        text.append(
            String.format(
                Locale.ROOT,
                "  - %s (%s, %.2f)%s%n",
                h.title(),
                h.source(),
                h.sentimentScore(),
                h.url() == null ? "" : "\n    " + h.url()));
        html.append("<li>")
            .append(
                h.url() == null
                    ? Html.esc(h.title())
                    : "<a href=\"" + Html.href(h.url()) + "\">" + Html.esc(h.title()) + "</a>")
            .append(
                String.format(
                    Locale.ROOT,
                    " <small>(%s, %.2f)</small></li>\n",
                    Html.esc(h.source()),
                    h.sentimentScore()));
      }
      html.append("</ol>\n");
    }
    text.append("\nDashboards: ").append(grafana.baseUrl()).append('\n');
    html.append("<p><a href=\"")
        .append(Html.href(grafana.baseUrl()))
        .append("\">Dashboards</a></p></body></html>\n");
    return new EmailMessage(subject, text.toString(), html.toString());
  }

  private static String headline(DigestReport d) {
    return d.keys().stream()
        .filter(KeyDay::hasPrior)
        .min(java.util.Comparator.comparingDouble(KeyDay::scoreChange))
        .map(
            k ->
                String.format(
                    Locale.ROOT,
                    "%s %+.2f vs week",
                    AlertText.subject(k.keyKind(), k.key()),
                    k.scoreChange()))
        .orElse(d.keys().size() + " keys");
  }

  private static void table(
      StringBuilder text, StringBuilder html, String title, List<KeyDay> rows) {
    if (rows.isEmpty()) {
      return;
    }
    text.append(title).append(":\n");
    text.append(
        String.format(
            Locale.ROOT,
            "  %-24s %8s %8s %8s %10s %10s%n",
            "key",
            "stories",
            "score",
            "change",
            "negative",
            "week neg."));
    html.append("<h3>")
        .append(Html.esc(title))
        .append("</h3>\n")
        .append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n")
        .append("<tr><th align=\"left\">Key</th><th>Stories</th><th>Score</th><th>Change</th>")
        .append("<th>Negative</th><th>Week negative</th></tr>\n");
    for (KeyDay k : rows) {
      String key = AlertText.subject(k.keyKind(), k.key());
      String change = k.hasPrior() ? String.format(Locale.ROOT, "%+.2f", k.scoreChange()) : "new";
      text.append(
          String.format(
              Locale.ROOT,
              "  %-24s %8d %+8.2f %8s %9.0f%% %9.0f%%%n",
              key,
              k.count(),
              k.meanScore(),
              change,
              100 * k.negativeShare(),
              100 * k.priorNegativeShare()));
      html.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td align=\"right\">%d</td><td align=\"right\">%+.2f</td>"
                  + "<td align=\"right\">%s</td><td align=\"right\">%.0f%%</td><td align=\"right\">%.0f%%</td></tr>%n",
              Html.esc(key),
              k.count(),
              k.meanScore(),
              Html.esc(change),
              100 * k.negativeShare(),
              100 * k.priorNegativeShare()));
    }
    text.append('\n');
    html.append("</table>\n");
  }

  private static String htmlHead() {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
        + "<body style=\"font-family:Arial,Helvetica,sans-serif\">\n";
  }
}
