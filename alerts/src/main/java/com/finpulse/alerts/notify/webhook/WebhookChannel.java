package com.finpulse.alerts.notify.webhook;

import com.finpulse.alerts.notify.Channel;
import com.finpulse.alerts.notify.DeliveryResult;
import com.finpulse.alerts.notify.Notification;
import com.finpulse.alerts.notify.Target;
import com.finpulse.alerts.subscription.WebhookSpec;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts a notification to a webhook: the payload in the subscription's format, signed ({@link
 * WebhookSigner}), with the notification id as {@code Idempotency-Key}. 2xx delivers; 408, 425,
 * 429, 5xx, timeouts and connection errors are retried; redirects are not followed (SSRF) and, like
 * the other 4xx and targets refused by the {@link TargetGuard}, dead-letter at once.
 */
public final class WebhookChannel implements Channel {

  private static final String USER_AGENT = "FinPulse-Alerts/1";

  private final HttpClient client;
  private final TargetGuard guard;
  private final AlertmanagerPayload alertmanager;
  private final SlackPayload slack;
  private final Duration timeout;
  private final Clock clock;

  public WebhookChannel(
      TargetGuard guard,
      AlertmanagerPayload alertmanager,
      SlackPayload slack,
      Duration timeout,
      Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
    this.guard = guard;
    this.alertmanager = alertmanager;
    this.slack = slack;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public DeliveryResult deliver(Notification n, int attempt) {
    if (!(n.target() instanceof Target.Webhook(WebhookSpec spec))) {
      return DeliveryResult.permanent(null, "not a webhook target: " + n.target().channel());
    }
    URI uri;
    try {
      uri = URI.create(spec.url());
      guard.check(uri);
    } catch (RefusedTargetException e) {
      return DeliveryResult.permanent(null, e.getMessage());
    } catch (UnknownHostException e) {
      return DeliveryResult.retry(null, "host does not resolve (yet): " + hostOf(spec));
    } catch (IllegalArgumentException e) {
      return DeliveryResult.permanent(null, "invalid webhook URL");
    }
    byte[] body =
        switch (spec.format()) {
          case ALERTMANAGER -> alertmanager.render(n);
          case SLACK -> slack.render(n);
        };
    long ts = clock.instant().getEpochSecond();
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header(WebhookHeaders.IDEMPOTENCY_KEY, n.id())
            .header(WebhookHeaders.EVENT, n.kind().label())
            .header(WebhookHeaders.ATTEMPT, Integer.toString(attempt))
            .header(WebhookHeaders.TIMESTAMP, Long.toString(ts))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (spec.secret() != null) {
      req.header(WebhookHeaders.SIGNATURE, WebhookSigner.sign(spec.secret(), ts, body));
    }
    try {
      HttpResponse<Void> response =
          client.send(req.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return DeliveryResult.delivered(status);
      }
      if (status >= 300 && status < 400) {
        return DeliveryResult.permanent(status, "HTTP " + status + ": redirects are not followed");
      }
      if (status == 408 || status == 425 || status == 429 || status >= 500) {
        return DeliveryResult.retry(status, "HTTP " + status);
      }
      return DeliveryResult.permanent(status, "HTTP " + status + " (not retried)");
    } catch (HttpTimeoutException e) {
      return DeliveryResult.retry(null, "timed out after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return DeliveryResult.retry(null, e.getClass().getSimpleName() + " " + safeMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.retry(null, "interrupted");
    }
  }

  @Override
  public void warmUp(Notification sample) {
    byte[] body = alertmanager.render(sample);
    slack.render(sample);
    WebhookSigner.sign("warm-up-secret-0123456789", clock.instant().getEpochSecond(), body);
    HttpRequest.newBuilder(URI.create("http://127.0.0.1/"))
        .header(WebhookHeaders.IDEMPOTENCY_KEY, sample.id())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static String hostOf(WebhookSpec spec) {
    return spec.displayName();
  }

  /** JDK I/O messages name hosts at most, never paths or queries; still, cap their length. */
  private static String safeMessage(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.length() > 200 ? m.substring(0, 200) : m;
  }
}
