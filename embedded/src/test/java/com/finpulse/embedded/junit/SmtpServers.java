package com.finpulse.embedded.junit;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) on 127.0.0.1 with a free port and one authenticated user. */
public final class SmtpServers {

  public static final String USER = "alerts@example.test";
  public static final String LOGIN = "alerts";
  public static final String PASSWORD = "secret";

  private SmtpServers() {}

  /**
   *
   *
   * <pre>{@code
   * @RegisterExtension static final GreenMailExtension SMTP = SmtpServers.extension();
   * }</pre>
   *
   * Use {@code SMTP.getSmtp().getPort()} for the port.
   */
  public static GreenMailExtension extension() {
    return new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, LOGIN, PASSWORD))
        .withPerMethodLifecycle(true);
  }
}
