package com.finpulse.alerts.notify.webhook;

/** A webhook target the SSRF guard does not let the service call. */
public final class RefusedTargetException extends Exception {

  public RefusedTargetException(String message) {
    super(message);
  }
}
