package com.finpulse.alerts.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in memory (a restart signs everyone out): a random session id for the cookie
 * and a random CSRF token per session, both 256 bits. Sessions are kept by the SHA-256 of their id,
 * so a lookup leaks nothing about stored ids through timing; each lasts {@link #LIFETIME}, and at
 * most {@link #MAX_SESSIONS} are kept (the oldest goes).
 */
public final class Sessions {

  public static final Duration LIFETIME = Duration.ofHours(12);
  static final int MAX_SESSIONS = 1000;

  /**
   * A signed-in browser.
   *
   * @param user the name the analyst signed in with: who made a correction or a promotion
   */
  public record Session(String user, String csrfToken, Instant createdAt, Instant expiresAt) {}

  /** A new session: the id goes into the cookie, the rest to the page. */
  public record Created(String id, Session session) {}

  private final Map<String, Session> byIdHash = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  public Created create(String user) {
    Instant now = clock.instant();
    byIdHash.values().removeIf(s -> !s.expiresAt().isAfter(now));
    while (byIdHash.size() >= MAX_SESSIONS) {
      byIdHash.entrySet().stream()
          .min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Session::createdAt)))
          .ifPresent(e -> byIdHash.remove(e.getKey()));
    }
    String id = randomToken();
    Session s = new Session(user, randomToken(), now, now.plus(LIFETIME));
    byIdHash.put(hash(id), s);
    return new Created(id, s);
  }

  /** The live session with this id. */
  public Optional<Session> find(String id) {
    String key = hash(id);
    Session s = byIdHash.get(key);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.expiresAt().isAfter(clock.instant())) {
      byIdHash.remove(key);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public void end(String id) {
    byIdHash.remove(hash(id));
  }

  private String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String hash(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
