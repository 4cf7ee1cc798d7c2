package com.finpulse.alerts.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.serde.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class AlertSerdesTest {

  @Test
  void notificationOutcomeRoundTripsAndItsHeaderNamesTheType() {
    NotificationOutcome outcome =
        new NotificationOutcome(
            "n1",
            NotificationKind.ALERT,
            "risk-desk",
            NotificationChannel.WEBHOOK,
            "https://hooks.example.com#abc123",
            "risk-desk/topic:earnings",
            List.of(new NotifiedAlert("a1", AlertStatus.FIRING, Severity.CRITICAL)),
            AlertStatus.FIRING,
            DeliveryOutcome.DEAD_LETTER,
            8,
            500,
            "HTTP 500",
            Instant.parse("2026-11-20T10:16:00Z"));
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = AlertSerdes.notificationOutcome().serialize("alerts", headers, outcome);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"outcome\":\"dead_letter\"")
        .contains("\"channel\":\"webhook\"");
    assertThat(HeaderNames.schemaType(headers)).isEqualTo("NotificationOutcome");
    assertThat(HeaderNames.schemaType(new RecordHeaders())).isNull();
    assertThat(AlertSerdes.notificationOutcome().deserialize("alerts", bytes)).isEqualTo(outcome);
  }
}
