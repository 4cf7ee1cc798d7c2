package com.finpulse.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.alerts.config.GrafanaSettings;
import com.finpulse.alerts.config.SmtpSettings;
import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.DeliveryOutcome;
import com.finpulse.alerts.event.NotificationChannel;
import com.finpulse.alerts.event.NotificationOutcome;
import com.finpulse.alerts.event.Severity;
import com.finpulse.alerts.notify.email.EmailChannel;
import com.finpulse.alerts.notify.email.EmailRenderer;
import com.finpulse.alerts.testing.TestAlerts;
import com.finpulse.alerts.testing.TestNotifications;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.embedded.junit.SmtpServers;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail through a real SMTP server (GreenMail). */
class EmailChannelTest {

  @RegisterExtension static final GreenMailExtension SMTP = SmtpServers.extension();

  static final GrafanaSettings GRAFANA =
      new GrafanaSettings("https://grafana.example.com", "finpulse-drilldown");
  private static final Instant AT = Instant.parse("2026-11-20T10:15:20Z");

  static SmtpSettings smtp(int port) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        SmtpServers.LOGIN,
        SmtpServers.PASSWORD,
        "FinPulse Alerts <" + SmtpServers.USER + ">",
        false,
        false,
        Duration.ofSeconds(2));
  }

  @Test
  void alertEmailCarriesSubjectNumbersEvidenceAndDashboardLink() throws Exception {
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.CRITICAL, 0.8, AT);
    Notification n = TestNotifications.alert("credit", new Target.Email("desk@example.com"), a);
    EmailChannel channel =
        new EmailChannel(smtp(SMTP.getSmtp().getPort()), new EmailRenderer(GRAFANA));

    assertThat(channel.deliver(n, 1).kind()).isEqualTo(DeliveryResult.Kind.DELIVERED);

    assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage m = SMTP.getReceivedMessages()[0];
    assertThat(m.getSubject())
        .isEqualTo(
            "[FinPulse CRITICAL] topic banking (1m): 80% negative vs 20% baseline, z 7.5, 30 stories");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("desk@example.com");
    assertThat(m.getMessageID()).isEqualTo("<" + n.id() + "@finpulse.alerts>");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    String text = (String) parts.getBodyPart(0).getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");

    assertThat(text)
        .contains("80.0% vs baseline 20.0%")
        .contains("z 7.5")
        .contains("Acme <b>profit</b> warning & lenders' worries")
        .contains("https://news.example.com/acme?x=1&y=2")
        .contains("Beta Bank probe widens")
        .contains(
            "https://grafana.example.com/d/finpulse-drilldown?var-key_kind=topic&var-key=banking&var-window=1m");
    assertThat(html)
        .contains(
            "<a href=\"https://news.example.com/acme?x=1&amp;y=2\">Acme &lt;b&gt;profit&lt;/b&gt; warning &amp; lenders&#39; worries</a>")
        .contains("Beta Bank probe widens")
        .doesNotContain("<b>profit</b>")
        .contains("in Grafana</a>");
  }

  @Test
  void resolveEmailSaysSo() throws Exception {
    Alert a =
        TestAlerts.firing(
            KeyKind.TICKER, "ACME", TrendWindow.FIVE_MINUTES, Severity.WARNING, 0.7, AT);
    Notification n =
        TestNotifications.alert(
            "credit",
            new Target.Email("desk@example.com"),
            TestAlerts.resolved(a, AT.plusSeconds(900)));
    new EmailChannel(smtp(SMTP.getSmtp().getPort()), new EmailRenderer(GRAFANA)).deliver(n, 1);
    assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage m = SMTP.getReceivedMessages()[0];
    assertThat(m.getSubject())
        .isEqualTo("[FinPulse RESOLVED] ticker ACME (5m): back to 20% negative vs 20% baseline");
    String text = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
    assertThat(text).contains("RESOLVED").contains("Ended").contains("2026-11-20 10:30:20 UTC");
  }

  @Test
  void smtpDownIsRetriedAndDeliveredOnceWhenItIsBack() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<NotificationOutcome> outcomes = new CopyOnWriteArrayList<>();
    EmailChannel channel = new EmailChannel(smtp(port), new EmailRenderer(GRAFANA));
    Alert a =
        TestAlerts.firing(
            KeyKind.TOPIC, "banking", TrendWindow.ONE_MINUTE, Severity.WARNING, 0.7, AT);
    Notification n = TestNotifications.alert("credit", new Target.Email("desk@example.com"), a);
    GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    late.setUser(SmtpServers.USER, SmtpServers.LOGIN, SmtpServers.PASSWORD);
    try (DeliveryQueue queue =
        new DeliveryQueue(
            Map.of(NotificationChannel.EMAIL, channel),
            Map.of(NotificationChannel.EMAIL, 100),
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)),
            2,
            (notification, attempt) -> IntentJournal.Permit.SEND,
            (notification, o) -> outcomes.add(o),
            Clock.systemUTC(),
            new SimpleMeterRegistry())) {
      queue.submit(n);
      queue.submit(n); // the router re-submits while it is retried: still one message
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (outcomes.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(outcomes)
          .hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(DeliveryOutcome.FAILED));
      assertThat(outcomes.get(0).error()).contains("SMTP 127.0.0.1:" + port + " unavailable");
      assertThat(queue.pending()).isEqualTo(1);

      late.start();
      assertThat(late.waitForIncomingEmail(10_000, 1)).isTrue();
      Thread.sleep(1500); // time for a duplicate to show up, if there were one
      assertThat(late.getReceivedMessages()).hasSize(1);
      assertThat(late.getReceivedMessages()[0].getMessageID())
          .isEqualTo("<" + n.id() + "@finpulse.alerts>");
      assertThat(outcomes).filteredOn(o -> o.outcome() == DeliveryOutcome.DELIVERED).hasSize(1);
      assertThat(queue.pending()).isZero();
    } finally {
      late.stop();
    }
  }
}
