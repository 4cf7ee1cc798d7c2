package com.finpulse.alerts.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.finpulse.alerts.config.GrafanaSettings;
import com.finpulse.alerts.detect.AlertText;
import com.finpulse.alerts.digest.DigestReport;
import com.finpulse.alerts.digest.KeyDay;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.NotifiedItem;
import java.util.Locale;

/**
 * A Slack incoming-webhook message: {@code text} (the notification fallback) and {@code blocks}
 * (header, one section per alert with its numbers and evidence links, a dashboard link). Works with
 * Slack and with the Slack-compatible endpoints of Mattermost and Rocket.Chat.
 */
public final class SlackPayload {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final ObjectMapper mapper = new ObjectMapper();
  private final GrafanaSettings grafana;

  public SlackPayload(GrafanaSettings grafana) {
    this.grafana = grafana;
  }

  public byte[] render(Notification n) {
    ObjectNode root = NODES.objectNode();
    ArrayNode blocks = root.putArray("blocks");
    String text;
    if (n.kind() == NotificationKind.TEST) {
      text = "FinPulse test notification for subscription " + n.subscription();
      section(blocks, escape(text) + "\nSent on request through the alerts API; no action needed.");
    } else if (n.kind() == NotificationKind.DIGEST && n.digest() != null) {
      text = "FinPulse daily digest for " + n.subscription() + ", " + n.digest().day();
      header(blocks, text);
      digest(blocks, n.digest());
    } else {
      NotifiedItem lead = n.firing().isEmpty() ? n.alerts().get(0) : n.firing().get(0);
      String status =
          n.status() == AlertStatus.FIRING
              ? lead.severity().label().toUpperCase(Locale.ROOT)
              : "RESOLVED";
      text =
          "["
              + status
              + "] "
              + AlertText.subject(lead.alert().keyKind(), lead.alert().key())
              + ": "
              + lead.alert().summary();
      header(
          blocks,
          "[" + status + "] " + AlertText.subject(lead.alert().keyKind(), lead.alert().key()));
      for (NotifiedItem item : n.alerts()) {
        Alert a = item.alert();
        StringBuilder sb = new StringBuilder();
        sb.append(a.status() == AlertStatus.FIRING ? ":red_circle: *" : ":large_green_circle: *")
            .append(a.status() == AlertStatus.FIRING ? item.severity().label() : "resolved")
            .append("* ")
            .append(a.window().label())
            .append(" window: ")
            .append(escape(a.summary()));
        for (EvidenceHeadline h : a.evidence()) {
          sb.append("\n• ");
          if (h.url() != null) {
            sb.append('<').append(h.url()).append('|').append(escape(h.title())).append('>');
          } else {
            sb.append(escape(h.title()));
          }
          sb.append(
              String.format(Locale.ROOT, " (%s, %.2f)", escape(h.source()), h.sentimentScore()));
        }
        String link = grafana.drillDownUrl(a.keyKind(), a.key(), a.window(), a.startsAt());
        sb.append("\n<").append(link).append("|Open in Grafana>");
        section(blocks, sb.toString());
      }
    }
    root.put("text", text);
    try {
      return mapper.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write Slack payload", e);
    }
  }

  private static void digest(ArrayNode blocks, DigestReport d) {
    StringBuilder sb = new StringBuilder("*Your keys, last 24 h vs prior week*");
    for (KeyDay k : d.keys()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "\n• %s: %d stories, score %+.2f (%+.2f), %.0f%% negative (week %.0f%%)",
              escape(AlertText.subject(k.keyKind(), k.key())),
              k.count(),
              k.meanScore(),
              k.scoreChange(),
              100 * k.negativeShare(),
              100 * k.priorNegativeShare()));
    }
    section(blocks, sb.toString());
    if (!d.movers().isEmpty()) {
      StringBuilder m = new StringBuilder("*Biggest movers*");
      for (KeyDay k : d.movers()) {
        m.append(
            String.format(
                Locale.ROOT,
                "\n• %s: score %+.2f vs week",
                escape(AlertText.subject(k.keyKind(), k.key())),
                k.scoreChange()));
      }
      section(blocks, m.toString());
    }
    if (!d.headlines().isEmpty()) {
      StringBuilder h = new StringBuilder("*Most negative headlines*");
      for (EvidenceHeadline e : d.headlines()) {
        h.append("\n• ");
        h.append(
            e.url() == null ? escape(e.title()) : "<" + e.url() + "|" + escape(e.title()) + ">");
      }
      section(blocks, h.toString());
    }
  }

  private static void header(ArrayNode blocks, String text) {
    ObjectNode b = blocks.addObject();
    b.put("type", "header");
    ObjectNode t = b.putObject("text");
    t.put("type", "plain_text");
    t.put("text", text.length() > 150 ? text.substring(0, 147) + "..." : text);
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    ObjectNode b = blocks.addObject();
    b.put("type", "section");
    ObjectNode t = b.putObject("text");
    t.put("type", "mrkdwn");
    t.put("text", mrkdwn.length() > 3000 ? mrkdwn.substring(0, 2997) + "..." : mrkdwn);
  }

  /** Slack's three control characters. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
