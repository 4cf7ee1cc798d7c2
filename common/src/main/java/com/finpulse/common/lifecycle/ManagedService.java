package com.finpulse.common.lifecycle;

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

  /** False once the service has failed for good; the launcher then shuts everything down. */
  default boolean isHealthy() {
    return true;
  }

  @Override
  void close();
}
