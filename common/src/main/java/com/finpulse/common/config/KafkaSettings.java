package com.finpulse.common.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How a service reaches Kafka.
 *
 * @param bootstrapServers comma-separated host:port list; empty means the embedded broker of {@code
 *     ./finpulse up} ({@link LocalEndpoints#KAFKA_BOOTSTRAP})
 * @param properties extra client properties passed through verbatim (security, SASL, timeouts)
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties)
    implements Validated {

  public KafkaSettings {
    bootstrapServers =
        bootstrapServers == null || bootstrapServers.isBlank()
            ? LocalEndpoints.KAFKA_BOOTSTRAP
            : bootstrapServers.trim();
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public static KafkaSettings local() {
    return new KafkaSettings(LocalEndpoints.KAFKA_BOOTSTRAP, Map.of());
  }

  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(servers, properties);
  }

  /** Client properties common to producers, consumers, admin and Streams. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> out = new HashMap<>(properties);
    out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return out;
  }

  @Override
  public void validate(Validation v) {
    for (String server : bootstrapServers.split(",")) {
      String s = server.trim();
      int colon = s.lastIndexOf(':');
      boolean ok =
          colon > 0
              && colon < s.length() - 1
              && s.substring(colon + 1).chars().allMatch(Character::isDigit);
      v.check(
          ok,
          "bootstrap_servers",
          "expected host:port[,host:port...], got '" + bootstrapServers + "'");
      if (!ok) {
        break;
      }
    }
  }
}
