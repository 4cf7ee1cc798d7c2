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

  private LocalEndpoints() {}
}
