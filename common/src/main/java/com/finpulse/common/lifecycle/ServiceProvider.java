package com.finpulse.common.lifecycle;

/**
 * Lets the launcher find and start a service that is on the classpath ({@link
 * java.util.ServiceLoader}; register in {@code
 * META-INF/services/com.finpulse.common.lifecycle.ServiceProvider}).
 */
public interface ServiceProvider {

  /** {@code ingest}, {@code processor} or {@code alerts}. */
  String name();

  /** Start order: consumers before producers, so nothing published is missed by a live view. */
  int startOrder();

  /** Builds the service (loading and validating its config); does not start it. */
  ManagedService create(ServiceContext context) throws Exception;
}
