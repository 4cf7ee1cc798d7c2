package com.finpulse.alerts.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-FinPulse-Signature: v1=<hex>} where {@code <hex>} is the
 * lower-case hex HMAC-SHA256, keyed with the subscription's secret (UTF-8 bytes), of the ASCII
 * decimal {@code X-FinPulse-Timestamp} (Unix seconds), a full stop, and the raw request body bytes:
 * {@code HMAC(secret, timestamp + "." + body)}. Receivers recompute it, compare in constant time,
 * and reject timestamps more than five minutes from their clock (replays). Each retry is signed
 * anew with its own timestamp; the body and the {@code Idempotency-Key} stay the same.
 */
public final class WebhookSigner {

  public static final String VERSION = "v1";

  private WebhookSigner() {}

  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      mac.update(body);
      return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** What a receiver does; used by the tests and as the reference for the README example. */
  public static boolean verify(
      String secret, String timestampHeader, byte[] body, String signatureHeader) {
    long ts;
    try {
      ts = Long.parseLong(timestampHeader);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] expected = sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
  }
}
