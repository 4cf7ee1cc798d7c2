package com.finpulse.alerts.detect;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An alert's id: a fingerprint of (key kind, key, window, start of the window that fired), 32 hex
 * characters. Deterministic, so the same episode has the same id in every message and after a
 * restart.
 */
public final class AlertIds {

  private AlertIds() {}

  public static String of(KeyKind kind, String key, TrendWindow window, Instant windowStart) {
    return sha256Hex(
        "alert\u0000"
            + kind.label()
            + "\u0000"
            + key
            + "\u0000"
            + window.label()
            + "\u0000"
            + windowStart.toEpochMilli(),
        16);
  }

  /** Hex SHA-256 of {@code text}, its first {@code bytes} bytes. */
  public static String sha256Hex(String text, int bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
