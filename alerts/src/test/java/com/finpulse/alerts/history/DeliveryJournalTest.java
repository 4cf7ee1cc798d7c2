package com.finpulse.alerts.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertSerdes;
import com.finpulse.alerts.event.NotificationIntent;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.notify.IntentJournal;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.testing.MockJournals;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.alerts.testing.TestNotifications;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.serde.HeaderNames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Intents committed before a send, fencing, and a broker that does not answer. */
class DeliveryJournalTest {

  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

  private final List<MockProducer<String, byte[]>> producers = new ArrayList<>();
  private final List<String> lost = new ArrayList<>();
  private final DeliveryJournal journal =
      MockJournals.recording(producers, Clock.fixed(AT, ZoneOffset.UTC));

  {
    journal.onLost(lost::add);
  }

  private static Notification notification() {
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "Energy | Oil", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.9, AT);
    return TestNotifications.alert("energy-desk", new Target.Email("desk@example.com"), a);
  }

  @Test
  void anIntentIsCommittedBeforeTheSendIsAllowed() {
    journal.open();
    Notification n = notification();

    assertThat(journal.beforeSend(n, 2)).isEqualTo(IntentJournal.Permit.SEND);

    MockProducer<String, byte[]> p = producers.get(0);
    assertThat(p.transactionInitialized()).isTrue();
    assertThat(p.commitCount()).isEqualTo(1);
    assertThat(p.history()).hasSize(1);
    var record = p.history().get(0);
    assertThat(record.topic()).isEqualTo("alerts");
    assertThat(record.key()).isEqualTo(n.alerts().get(0).alert().id());
    assertThat(HeaderNames.schemaType(record.headers())).isEqualTo("NotificationIntent");
    NotificationIntent intent = AlertSerdes.notificationIntent().read(record.value());
    assertThat(intent.notificationId()).isEqualTo(n.id());
    assertThat(intent.attempt()).isEqualTo(2);
    assertThat(Notification.of(intent, n.target())).isEqualTo(n);
  }

  @Test
  void aFencedInstanceMayNotSendAndStepsDown() {
    journal.open();
    producers.get(0).fenceProducer();

    assertThat(journal.beforeSend(notification(), 1)).isEqualTo(IntentJournal.Permit.STOP);

    assertThat(lost).hasSize(1);
    assertThat(lost.get(0)).contains("taken delivery over");
    assertThat(journal.isOpen()).isFalse();
    assertThat(producers.get(0).closed()).isTrue();
    // Nothing more until it takes delivery up again.
    assertThat(journal.beforeSend(notification(), 1)).isEqualTo(IntentJournal.Permit.STOP);
    journal.open();
    assertThat(journal.beforeSend(notification(), 1)).isEqualTo(IntentJournal.Permit.SEND);
  }

  @Test
  void anUnreachableBrokerMakesTheAttemptWaitNotSend() {
    journal.open();
    producers.get(0).commitTransactionException = new TimeoutException("broker not answering");

    assertThat(journal.beforeSend(notification(), 1)).isEqualTo(IntentJournal.Permit.WAIT);

    assertThat(producers.get(0).transactionAborted()).isTrue();
    assertThat(lost).isEmpty();
    producers.get(0).commitTransactionException = null;
    assertThat(journal.beforeSend(notification(), 1)).isEqualTo(IntentJournal.Permit.SEND);
  }

  @Test
  void aJournalThatWasNeverOpenedLetsNothingBeSent() {
    assertThat(journal.beforeSend(notification(), 1)).isEqualTo(IntentJournal.Permit.STOP);
    assertThat(producers).isEmpty();
  }
}
