package com.finpulse.alerts.api;

import io.javalin.http.HandlerType;

/**
 * One registered route.
 *
 * @param path below {@link Routes#PREFIX}, with {@code {name}} path parameters
 */
public record Route(HandlerType method, String path, Access access) {}
