package com.finpulse.alerts.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.finpulse.alerts.config.GrafanaSettings;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.NotifiedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alertmanager's webhook payload, version 4, so receivers built for Alertmanager (PagerDuty and
 * Opsgenie bridges, alert routers, home-grown handlers) take FinPulse alerts as they are:
 *
 * <pre>{@code
 * {"version": "4", "groupKey": ..., "truncatedAlerts": 0, "status": "firing|resolved",
 *  "receiver": <subscription>, "groupLabels": {...}, "commonLabels": {...},
 *  "commonAnnotations": {...}, "externalURL": <grafana>,
 *  "alerts": [{"status", "labels", "annotations", "startsAt", "endsAt", "generatorURL",
 *              "fingerprint", "evidence": [...]}],
 *  "finpulse": {"schema": 1, "kind": "alert", "notification_id": ...}}
 * }</pre>
 *
 * Labels: {@code alertname} (NegativeNewsSpike), {@code key_kind}, {@code key}, {@code window},
 * {@code severity} (as the subscription sees it). Annotations carry the numbers as strings, as in
 * Alertmanager; {@code evidence} and {@code finpulse} are additions receivers may ignore.
 */
public final class AlertmanagerPayload {

  public static final String VERSION = "4";
  public static final String ALERT_NAME = "NegativeNewsSpike";
  public static final String TEST_ALERT_NAME = "FinPulseTestNotification";

  /** Alertmanager's "not ended yet". */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final ObjectMapper mapper = new ObjectMapper();
  private final GrafanaSettings grafana;

  public AlertmanagerPayload(GrafanaSettings grafana) {
    this.grafana = grafana;
  }

  public byte[] render(Notification n) {
    ObjectNode root = NODES.objectNode();
    root.put("version", VERSION);
    root.put("groupKey", n.groupKey() == null ? n.subscription() + "/test" : n.groupKey());
    root.put("truncatedAlerts", 0);
    root.put("status", n.status().label());
    root.put("receiver", n.subscription());
    ArrayNode alerts = root.putArray("alerts");
    List<Map<String, String>> labelSets = new ArrayList<>();
    List<Map<String, String>> annotationSets = new ArrayList<>();
    String external = grafana.baseUrl();
    if (n.kind() == NotificationKind.TEST) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("alertname", TEST_ALERT_NAME);
      labels.put("subscription", n.subscription());
      Map<String, String> annotations =
          Map.of(
              "summary",
              "Test notification from FinPulse for subscription " + n.subscription(),
              "description",
              "Sent on request through the alerts API; it is resolved and needs no action.");
      ObjectNode a = alerts.addObject();
      a.put("status", AlertStatus.RESOLVED.label());
      a.set("labels", strings(labels));
      a.set("annotations", strings(annotations));
      a.put("startsAt", n.createdAt().toString());
      a.put("endsAt", n.createdAt().toString());
      a.put("generatorURL", external);
      a.put("fingerprint", n.id());
      labelSets.add(labels);
      annotationSets.add(annotations);
    }
    for (NotifiedItem item : n.alerts()) {
      Alert al = item.alert();
      Map<String, String> labels = labels(item);
      Map<String, String> annotations = annotations(al);
      String link = grafana.drillDownUrl(al.keyKind(), al.key(), al.window(), al.startsAt());
      if (labelSets.isEmpty()) {
        external = link;
      }
      ObjectNode a = alerts.addObject();
      a.put("status", al.status().label());
      a.set("labels", strings(labels));
      a.set("annotations", strings(annotations));
      a.put("startsAt", al.startsAt().toString());
      a.put("endsAt", al.endsAt() == null ? ZERO_TIME : al.endsAt().toString());
      a.put("generatorURL", link);
      a.put("fingerprint", al.id());
      ArrayNode evidence = a.putArray("evidence");
      for (EvidenceHeadline h : al.evidence()) {
        ObjectNode e = evidence.addObject();
        e.put("title", h.title());
        if (h.url() != null) {
          e.put("url", h.url());
        }
        e.put("source", h.source());
        e.put("sentiment_score", h.sentimentScore());
        e.put("event_time", h.eventTime().toString());
      }
      labelSets.add(labels);
      annotationSets.add(annotations);
    }
    Map<String, String> groupLabels = new LinkedHashMap<>();
    if (!n.alerts().isEmpty()) {
      Alert first = n.alerts().get(0).alert();
      groupLabels.put("key_kind", first.keyKind().label());
      groupLabels.put("key", first.key());
    }
    root.set("groupLabels", strings(groupLabels));
    root.set("commonLabels", strings(common(labelSets)));
    root.set("commonAnnotations", strings(common(annotationSets)));
    root.put("externalURL", external);
    ObjectNode fp = root.putObject("finpulse");
    fp.put("schema", 1);
    fp.put("kind", n.kind().label());
    fp.put("notification_id", n.id());
    fp.put("subscription", n.subscription());
    fp.put("created_at", n.createdAt().toString());
    try {
      return mapper.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write webhook payload", e);
    }
  }

  static Map<String, String> labels(NotifiedItem item) {
    Alert a = item.alert();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", ALERT_NAME);
    labels.put("key_kind", a.keyKind().label());
    labels.put("key", a.key());
    labels.put("window", a.window().label());
    labels.put("severity", item.severity().label());
    return labels;
  }

  static Map<String, String> annotations(Alert a) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("summary", a.summary());
    out.put("negative_share", fmt(a.observedNegativeShare()));
    out.put("baseline_negative_share", fmt(a.baselineNegativeShare()));
    out.put("share_sigma", fmt(a.baselineDeviation()));
    out.put("share_deviation", fmt(a.deviation()));
    out.put("negative_stories", Long.toString(a.observedNegativeVolume()));
    if (a.baselineNegativeVolume() != null) {
      out.put("baseline_negative_stories", fmt(a.baselineNegativeVolume()));
    }
    if (a.volumeDeviation() != null) {
      out.put("volume_deviation", fmt(a.volumeDeviation()));
    }
    out.put("stories", Long.toString(a.novelCount() == null ? a.articleCount() : a.novelCount()));
    out.put("articles", Long.toString(a.articleCount()));
    out.put("mean_score", fmt(a.observedMeanScore()));
    out.put("window_start", a.windowStart().toString());
    return out;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static Map<String, String> common(List<Map<String, String>> sets) {
    Map<String, String> out = new LinkedHashMap<>();
    if (sets.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, String> e : sets.get(0).entrySet()) {
      if (sets.stream().allMatch(m -> e.getValue().equals(m.get(e.getKey())))) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static ObjectNode strings(Map<String, String> m) {
    ObjectNode o = NODES.objectNode();
    m.forEach(o::put);
    return o;
  }
}
