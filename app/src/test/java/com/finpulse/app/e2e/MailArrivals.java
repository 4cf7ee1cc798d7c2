package com.finpulse.app.e2e;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records when each e-mail reached the SMTP server. GreenMail keeps no arrival time, so a watcher
 * polls it every 20 ms: arrival times are accurate to that.
 */
final class MailArrivals implements AutoCloseable {

  record Arrival(String subject, String text, Instant at) {}

  private final GreenMailOperations mail;
  private final Map<String, Arrival> seen = new LinkedHashMap<>();
  private final Thread watcher;
  private volatile boolean running = true;

  MailArrivals(GreenMailOperations mail) {
    this.mail = mail;
    this.watcher = Thread.ofPlatform().daemon().name("mail-arrivals").start(this::watch);
  }

  private void watch() {
    while (running) {
      poll();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void poll() {
    Instant now = Instant.now();
    for (MimeMessage m : mail.getReceivedMessages()) {
      try {
        String id =
            m.getMessageID()
                + "|"
                + String.join(",", m.getHeader("To") == null ? new String[0] : m.getHeader("To"));
        if (!seen.containsKey(id)) {
          seen.put(id, new Arrival(m.getSubject(), MailText.of(m), now));
        }
      } catch (MessagingException | java.io.IOException e) {
        throw new IllegalStateException("unreadable message in the test SMTP server", e);
      }
    }
  }

  synchronized List<Arrival> arrivals() {
    poll();
    return List.copyOf(seen.values());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    watcher.join();
  }
}
