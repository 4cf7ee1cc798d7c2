package com.finpulse.alerts.notify.email;

import com.finpulse.alerts.config.SmtpSettings;
import com.finpulse.alerts.notify.Channel;
import com.finpulse.alerts.notify.DeliveryResult;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.Target;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends a notification as a multipart/alternative e-mail (plain text and HTML) through the
 * configured SMTP server, one message per recipient. The Message-ID is derived from the
 * notification id, so a message sent twice (a retry after a lost answer) threads as one. Failures
 * are retried unless the server refused the recipient or the message for good (5xx).
 */
public final class EmailChannel implements Channel {

  private final SmtpSettings smtp;
  private final EmailRenderer renderer;
  private final Session session;

  public EmailChannel(SmtpSettings smtp, EmailRenderer renderer) {
    this.smtp = smtp;
    this.renderer = renderer;
    this.session = session(smtp);
  }

  private static Session session(SmtpSettings smtp) {
    Properties p = new Properties();
    String proto = smtp.ssl() ? "smtps" : "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", smtp.host());
    p.put("mail." + proto + ".port", Integer.toString(smtp.port()));
    p.put("mail." + proto + ".auth", Boolean.toString(smtp.username() != null));
    p.put("mail." + proto + ".connectiontimeout", Long.toString(smtp.timeout().toMillis()));
    p.put("mail." + proto + ".timeout", Long.toString(smtp.timeout().toMillis()));
    p.put("mail." + proto + ".writetimeout", Long.toString(smtp.timeout().toMillis()));
    if (smtp.starttls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (smtp.ssl()) {
      p.put("mail.smtps.ssl.checkserveridentity", "true");
    }
    if (smtp.username() == null) {
      return Session.getInstance(p);
    }
    String user = smtp.username();
    String password = smtp.password();
    return Session.getInstance(
        p,
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(user, password);
          }
        });
  }

  @Override
  public void warmUp(Notification sample) {
    try {
      message(sample, "warm-up@example.invalid").writeTo(java.io.OutputStream.nullOutputStream());
      session.getTransport();
    } catch (Exception e) {
      // only a warm-up: the first real message will report any real problem
    }
  }

  private MimeMessage message(Notification n, String address) throws MessagingException {
    EmailMessage rendered = renderer.render(n);
    MimeMessage m =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + n.id() + "@finpulse.alerts>");
          }
        };
    m.setFrom(new InternetAddress(smtp.from(), true));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
    m.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
    m.setSentDate(Date.from(n.createdAt()));
    m.setHeader("X-FinPulse-Notification", n.id());
    m.setHeader("Auto-Submitted", "auto-generated");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    m.setContent(alternative);
    m.saveChanges();
    return m;
  }

  @Override
  public DeliveryResult deliver(Notification n, int attempt) {
    if (!(n.target() instanceof Target.Email(String address))) {
      return DeliveryResult.permanent(null, "not an e-mail target: " + n.target().channel());
    }
    try {
      MimeMessage m = message(n, address);
      Transport.send(m);
      return DeliveryResult.delivered(null);
    } catch (SMTPAddressFailedException e) {
      return e.getReturnCode() >= 500
          ? DeliveryResult.permanent(
              null, "recipient refused: " + e.getReturnCode() + " " + trim(e))
          : DeliveryResult.retry(null, "recipient deferred: " + e.getReturnCode() + " " + trim(e));
    } catch (SMTPSendFailedException e) {
      return e.getReturnCode() >= 500
          ? DeliveryResult.permanent(null, "message refused: " + e.getReturnCode() + " " + trim(e))
          : DeliveryResult.retry(null, "message deferred: " + e.getReturnCode() + " " + trim(e));
    } catch (SendFailedException e) {
      if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
        return DeliveryResult.permanent(null, "invalid recipient address");
      }
      return DeliveryResult.retry(null, "send failed: " + rootCause(e));
    } catch (MessagingException e) {
      return DeliveryResult.retry(
          null, "SMTP " + smtp.host() + ":" + smtp.port() + " unavailable: " + rootCause(e));
    }
  }

  private static String trim(MessagingException e) {
    String m = String.valueOf(e.getMessage()).strip();
    return m.length() > 200 ? m.substring(0, 200) : m;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? "" : ": " + t.getMessage();
    m = m.length() > 200 ? m.substring(0, 200) : m;
    return t.getClass().getSimpleName() + m;
  }
}
