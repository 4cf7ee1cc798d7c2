package com.finpulse.common.lifecycle;

import java.util.List;

/**
 * Lets the launcher find and start a service that is on the classpath ({@link
 * java.util.ServiceLoader}; register in {@code
 * META-INF/services/com.finpulse.common.lifecycle.ServiceProvider}).
 */
public interface ServiceProvider {

  /** {@code ingest}, {@code processor} or {@code alerts}. */
  String name();

  /**
   * Place in the launcher's list: consumers before producers, the last being the source of the
   * news. They start side by side (they meet only through Kafka) and stop in reverse order, so
   * producers stop first and consumers can drain what was sent.
   */
  int startOrder();

  /** Builds the service (loading and validating its config); does not start it. */
  ManagedService create(ServiceContext context) throws Exception;

  /**
   * Loads and validates every configuration file of the service without building or starting
   * anything, so that a launcher can report the problems of all services at once before it starts a
   * server.
   *
   * @return every problem, each {@code file:line: key: what is wrong}; empty when all is valid
   */
  default List<String> check(ServiceContext context) {
    return List.of();
  }
}
