package com.finpulse.alerts.api.auth;

import com.finpulse.alerts.api.Access;
import com.finpulse.alerts.api.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who calls a route, before its handler. Two ways in: {@code Authorization: Bearer <token>}
 * (scripts; no CSRF token, a browser never sends that header cross-site on its own), or the session
 * cookie set by {@code POST /api/v1/session} (the console), whose state-changing requests must also
 * carry the session's CSRF token in {@value #CSRF_HEADER}: a page on another site can make the
 * browser send the cookie, but cannot read the token.
 */
public final class Authenticator {

  /** The user name of requests made with the bearer token. */
  public static final String BEARER_USER = "api";

  public static final String COOKIE = "finpulse_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<HandlerType> SAFE_METHODS =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS, HandlerType.TRACE);

  private final byte[] token;
  private final Sessions sessions;

  public Authenticator(String token, Sessions sessions) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.sessions = sessions;
  }

  /** Throws a 401 or 403 unless the caller may call the matched route. */
  public void check(Context ctx) {
    if (ctx.routeRoles().contains(Access.PUBLIC)) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw unauthorized("send Authorization: Bearer <token>");
      }
      if (!isToken(header.substring(7).trim())) {
        throw unauthorized("wrong bearer token");
      }
      return;
    }
    String id = ctx.cookie(COOKIE);
    if (id == null) {
      throw unauthorized(
          "send Authorization: Bearer <token>, or sign in with POST /api/v1/session");
    }
    Sessions.Session s =
        sessions
            .find(id)
            .orElseThrow(
                () ->
                    unauthorized("the session has ended; sign in again with POST /api/v1/session"));
    if (changesState(ctx.method()) && !matches(ctx.header(CSRF_HEADER), s.csrfToken())) {
      throw new ApiException(
          403,
          "a request that changes state with the session cookie needs the "
              + CSRF_HEADER
              + " header with the csrf_token of the session");
    }
  }

  /** The session of the request's cookie, if it has a live one. */
  public Optional<Sessions.Session> session(Context ctx) {
    String id = ctx.cookie(COOKIE);
    return id == null ? Optional.empty() : sessions.find(id);
  }

  /**
   * Who makes this request: the signed-in analyst's name, or {@value #BEARER_USER} for a script
   * with the bearer token.
   */
  public String user(Context ctx) {
    return session(ctx).map(Sessions.Session::user).orElse(BEARER_USER);
  }

  /** Whether {@code candidate} is the API token (constant time). */
  public boolean isToken(String candidate) {
    return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token);
  }

  private static boolean changesState(HandlerType method) {
    return !SAFE_METHODS.contains(method);
  }

  private static boolean matches(String given, String expected) {
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, message);
  }
}
