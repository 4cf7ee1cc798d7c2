package com.finpulse.alerts.notify.webhook;

/** HTTP headers of webhook requests. */
public final class WebhookHeaders {

  /** Unix seconds when this attempt was signed. */
  public static final String TIMESTAMP = "X-FinPulse-Timestamp";

  /** {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, see {@link WebhookSigner}. */
  public static final String SIGNATURE = "X-FinPulse-Signature";

  /** Same on every retry of one notification: receivers drop what they have processed. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** {@code alert}, {@code digest} or {@code test}. */
  public static final String EVENT = "X-FinPulse-Event";

  /** 1 on the first attempt, then 2, 3, ...: lets a receiver tell a retry in its logs. */
  public static final String ATTEMPT = "X-FinPulse-Attempt";

  private WebhookHeaders() {}
}
