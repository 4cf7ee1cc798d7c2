package com.finpulse.alerts.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Registers the resources' routes under {@link #PREFIX} and remembers them (for the OpenAPI check).
 */
public final class Routes {

  public static final String PREFIX = "/api/v1";

  private final RoutesConfig config;
  private final List<Route> registered = new ArrayList<>();

  Routes(RoutesConfig config) {
    this.config = config;
  }

  public void get(String path, Access access, Handler handler) {
    add(HandlerType.GET, path, access, handler);
  }

  public void post(String path, Access access, Handler handler) {
    add(HandlerType.POST, path, access, handler);
  }

  public void put(String path, Access access, Handler handler) {
    add(HandlerType.PUT, path, access, handler);
  }

  /** A server-sent event stream: a GET that stays open. */
  public void sse(String path, Access access, Consumer<SseClient> client) {
    config.sse(PREFIX + path, client, access);
    registered.add(new Route(HandlerType.GET, path, access));
  }

  public void delete(String path, Access access, Handler handler) {
    add(HandlerType.DELETE, path, access, handler);
  }

  private void add(HandlerType method, String path, Access access, Handler handler) {
    config.addHttpHandler(method, PREFIX + path, handler, access);
    registered.add(new Route(method, path, access));
  }

  List<Route> registered() {
    return List.copyOf(registered);
  }
}
