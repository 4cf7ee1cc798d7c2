package com.finpulse.common.config;

/**
 * Where the embedded servers of {@code ./finpulse up} listen. A service whose config leaves the
 * address empty talks to these; setting {@code KAFKA_BOOTSTRAP_SERVERS} or {@code INFLUX_URL}
 * points it (and {@code up}) at external servers instead.
 */
public final class LocalEndpoints {

  public static final String KAFKA_HOST = "127.0.0.1";
  public static final int KAFKA_PORT = 19092;
  public static final int KAFKA_CONTROLLER_PORT = 19093;
  public static final String KAFKA_BOOTSTRAP = KAFKA_HOST + ":" + KAFKA_PORT;

  public static final int INFLUX_HTTP_PORT = 18086;
  public static final int INFLUX_RPC_PORT = 18088;
  public static final String INFLUX_URL = "http://127.0.0.1:" + INFLUX_HTTP_PORT;

  /** The InfluxDB database every service writes to and the dashboards read. */
  public static final String INFLUX_DATABASE = "finpulse";

  /** Environment variables that switch a service (and {@code up}) to external servers. */
  public static final String ENV_KAFKA_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";

  public static final String ENV_INFLUX_URL = "INFLUX_URL";

  /**
   * Environment variables that move the embedded servers of {@code up} to other loopback ports (for
   * a second stack on the same machine); unset: the ports above.
   */
  public static final String ENV_KAFKA_PORT = "FINPULSE_KAFKA_PORT";

  public static final String ENV_KAFKA_CONTROLLER_PORT = "FINPULSE_KAFKA_CONTROLLER_PORT";
  public static final String ENV_INFLUX_PORT = "FINPULSE_INFLUX_PORT";
  public static final String ENV_INFLUX_RPC_PORT = "FINPULSE_INFLUX_RPC_PORT";

  /**
   * The port {@code env} names under {@code variable}, else {@code standard}.
   *
   * @throws IllegalArgumentException when the variable is set to something else than a port
   */
  public static int port(java.util.Map<String, String> env, String variable, int standard) {
    String v = env.get(variable);
    if (v == null || v.isBlank()) {
      return standard;
    }
    try {
      int port = Integer.parseInt(v.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        variable + " must be a port number (1-65535), got '" + v.trim() + "'");
  }

  private LocalEndpoints() {}
}
