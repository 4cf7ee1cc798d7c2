package com.finpulse.alerts.testing;

import com.finpulse.alerts.cli.AlertsCommand;

/** {@code ./finpulse alerts} in a JVM of its own, which a test can kill. */
public final class AlertsInstanceMain {

  private AlertsInstanceMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(new AlertsCommand().run(args, System.out, System.err));
  }
}
