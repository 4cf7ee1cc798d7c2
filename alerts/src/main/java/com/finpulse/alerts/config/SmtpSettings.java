package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP server e-mails go through.
 *
 * @param username empty: no SMTP AUTH
 * @param from the sender, {@code Name <address>} or a bare address
 * @param starttls require STARTTLS (submission port 587)
 * @param ssl implicit TLS (port 465)
 */
public record SmtpSettings(
    String host,
    int port,
    @Nullable String username,
    @Nullable String password,
    String from,
    boolean starttls,
    boolean ssl,
    Duration timeout)
    implements Validated {

  public SmtpSettings {
    username = username == null || username.isBlank() ? null : username;
    password = password == null || password.isEmpty() ? null : password;
  }

  @Override
  public void validate(Validation v) {
    v.notBlank(host, "host");
    v.check(port > 0 && port < 65536, "port", "must be a TCP port, got " + port);
    v.check(
        (username == null) == (password == null), "password", "username and password go together");
    v.check(!(starttls && ssl), "ssl", "choose starttls or ssl, not both");
    v.check(!timeout.isNegative() && !timeout.isZero(), "timeout", "must be positive");
    try {
      new InternetAddress(from, true);
    } catch (AddressException e) {
      v.check(false, "from", "not a valid e-mail address: " + e.getMessage());
    }
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", username="
        + username
        + ", from="
        + from
        + ", starttls="
        + starttls
        + ", ssl="
        + ssl
        + "]";
  }
}
