package com.finpulse.alerts.api;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone, or a caller with the bearer token or a signed-in session. */
public enum Access implements RouteRole {
  PUBLIC,
  SIGNED_IN
}
