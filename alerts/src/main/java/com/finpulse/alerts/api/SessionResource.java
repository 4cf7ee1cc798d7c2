package com.finpulse.alerts.api;

import com.finpulse.alerts.api.auth.Authenticator;
import com.finpulse.alerts.api.auth.Sessions;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /session}: the console signs in once per browser session with the API token in the body
 * (never in a URL) and gets an HttpOnly, SameSite=Strict session cookie plus the CSRF token that
 * its state-changing requests send back in {@value Authenticator#CSRF_HEADER}.
 */
final class SessionResource implements ApiResource {

  /**
   * {@code POST /session}.
   *
   * @param user the analyst's name, recorded with their corrections; default {@value #DEFAULT_USER}
   */
  record Login(@Nullable String token, @Nullable String user) {}

  static final String DEFAULT_USER = "analyst";
  private static final java.util.regex.Pattern USER =
      java.util.regex.Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._@-]{0,63}");

  private final Authenticator auth;
  private final Sessions sessions;
  private final Requests requests;

  SessionResource(Authenticator auth, Sessions sessions, Requests requests) {
    this.auth = auth;
    this.sessions = sessions;
    this.requests = requests;
  }

  @Override
  public void register(Routes routes) {
    routes.post("/session", Access.PUBLIC, this::signIn);
    routes.get("/session", Access.SIGNED_IN, this::show);
    routes.delete("/session", Access.SIGNED_IN, this::signOut);
  }

  private void signIn(Context ctx) {
    Login login = requests.body(ctx, Login.class);
    if (login.token() == null || !auth.isToken(login.token())) {
      throw new ApiException(401, "wrong API token");
    }
    String user =
        login.user() == null || login.user().isBlank() ? DEFAULT_USER : login.user().strip();
    if (!USER.matcher(user).matches()) {
      throw new ApiException(
          400,
          "user must be 1 to 64 letters, digits, spaces or . _ @ -, starting with a letter or digit");
    }
    Sessions.Created c = sessions.create(user);
    ctx.header("Set-Cookie", cookie(ctx, c.id(), -1));
    ctx.status(201).json(view(c.session()));
  }

  private void show(Context ctx) {
    ctx.json(
        auth.session(ctx)
            .map(SessionResource::view)
            .orElseGet(() -> Map.of("authenticated_by", "bearer")));
  }

  private void signOut(Context ctx) {
    String id = ctx.cookie(Authenticator.COOKIE);
    if (id != null) {
      sessions.end(id);
    }
    ctx.header("Set-Cookie", cookie(ctx, "", 0));
    ctx.status(204);
  }

  private static Map<String, Object> view(Sessions.Session s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("authenticated_by", "session");
    out.put("user", s.user());
    out.put("csrf_token", s.csrfToken());
    out.put("csrf_header", Authenticator.CSRF_HEADER);
    out.put("expires_at", s.expiresAt());
    return out;
  }

  /** No Max-Age: the cookie goes when the browser closes; Secure whenever served over TLS. */
  private static String cookie(Context ctx, String value, int maxAge) {
    return Authenticator.COOKIE
        + "="
        + value
        + "; Path="
        + Routes.PREFIX
        + "/; HttpOnly; SameSite=Strict"
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
        + ("https".equals(ctx.scheme()) ? "; Secure" : "");
  }
}
