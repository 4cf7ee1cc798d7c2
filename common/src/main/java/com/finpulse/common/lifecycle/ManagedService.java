package com.finpulse.common.lifecycle;

import java.util.Map;

/**
 * A service the launcher can run in-process next to others ({@code ./finpulse up}) or alone.
 * Starting returns once the service is running; closing stops it in order and waits.
 */
public interface ManagedService extends AutoCloseable {

  /** Short name for logs and the status line: {@code ingest}, {@code processor}, {@code alerts}. */
  String name();

  void start() throws Exception;

  /**
   * True when the service has nothing in flight: its sources are exhausted (for finite sources),
   * its buffers are empty and it has no unconsumed input. {@code up --exit-when-idle} stops once
   * every service has been idle for a while.
   */
  boolean isIdle();

  /**
   * What an operator opens or connects to, by name ({@code console} → {@code http://...}), once
   * started; {@code up} prints them. Empty for a service without addresses.
   */
  default Map<String, String> addresses() {
    return Map.of();
  }

  /** False once the service has failed for good; the launcher then shuts everything down. */
  default boolean isHealthy() {
    return true;
  }

  @Override
  void close();
}
