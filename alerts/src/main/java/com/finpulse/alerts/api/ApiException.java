package com.finpulse.alerts.api;

import java.util.List;

/** An error answer: HTTP status, message, and the problems of an invalid request body. */
final class ApiException extends RuntimeException {

  final int status;
  final List<String> problems;

  ApiException(int status, String message) {
    this(status, message, List.of());
  }

  ApiException(int status, String message, List<String> problems) {
    super(message);
    this.status = status;
    this.problems = List.copyOf(problems);
  }
}
