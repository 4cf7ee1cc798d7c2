package com.finpulse.alerts.api;

import java.util.List;

/**
 * An error answer: HTTP status, a message for the caller, and the problems of an invalid request
 * body. Messages name fields and rules, never Java classes.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final List<String> problems;

  public ApiException(int status, String message) {
    this(status, message, List.of());
  }

  public ApiException(int status, String message, List<String> problems) {
    super(message, null, false, false);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public int status() {
    return status;
  }

  public List<String> problems() {
    return problems;
  }
}
