package com.finpulse.alerts.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationKind;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.NotifiedAlert;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.embedded.junit.InfluxdExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alert events and notification outcomes land in a real influxd as the dashboards expect. */
class InfluxHistoryIT {

  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  @Test
  void alertEventsAndNotificationsAreWrittenForAnnotations() throws Exception {
    InfluxSettings settings = new InfluxSettings(INFLUX.url(), "alerts_it", null, null, null);
    Instant at = Instant.parse("2026-11-20T10:15:20Z");
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.8, at);
    try (InfluxStore store = new InfluxStore(settings);
        InfluxHistory history = new InfluxHistory(store)) {
      history.start();
      history.alert(a);
      history.alert(TestAlerts.resolved(a, at.plusSeconds(600)));
      history.notification(
          new NotificationOutcome(
              "n1",
              NotificationKind.ALERT,
              "credit",
              NotificationChannel.WEBHOOK,
              "https://hooks.example.com#ab12",
              "credit/topic:banking",
              List.of(new NotifiedAlert(a.id(), AlertStatus.FIRING, Severity.CRITICAL)),
              AlertStatus.FIRING,
              DeliveryOutcome.DEAD_LETTER,
              10,
              500,
              "HTTP 500",
              at.plusSeconds(30)));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (history.pending() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500);

      QueryResult events =
          store.query(
              "SELECT \"title\", \"alert_id\", \"negative_share\" FROM \""
                  + InfluxSchema.AlertEvent.MEASUREMENT
                  + "\" WHERE \"key\" = 'banking' GROUP BY \"status\"");
      var series = events.getResults().get(0).getSeries();
      assertThat(series).hasSize(2);
      assertThat(series)
          .anySatisfy(
              s -> {
                assertThat(s.getTags()).containsEntry("status", "firing");
                assertThat(s.getValues().get(0).get(0)).isEqualTo("2026-11-20T10:15:20Z");
                assertThat(s.getValues().get(0).get(1)).isEqualTo("CRITICAL: topic banking (1m)");
                assertThat(s.getValues().get(0).get(2)).isEqualTo(a.id());
              });
      assertThat(series)
          .anySatisfy(
              s -> {
                assertThat(s.getTags()).containsEntry("status", "resolved");
                assertThat(s.getValues().get(0).get(0)).isEqualTo("2026-11-20T10:25:20Z");
              });
      assertThat(
              store.countOf(
                  "SELECT count(\"attempts\") FROM \""
                      + InfluxSchema.Notification.MEASUREMENT
                      + "\" WHERE \"outcome\" = 'dead_letter' AND \"channel\" = 'webhook'"))
          .isEqualTo(1);
    }
  }
}
