package com.finpulse.alerts.config;

import com.finpulse.alerts.detect.DetectionSettings;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.config.KafkaSettings;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.metrics.MetricsSettings;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** {@code alerts.yml}: everything the alerts service needs except the subscriptions. */
public record AlertsConfig(
    KafkaSettings kafka,
    StreamsSettings streams,
    InfluxSettings influx,
    HistorySettings history,
    MetricsSettings metrics,
    SubscriptionsFileSettings subscriptions,
    SmtpSettings smtp,
    GrafanaSettings grafana,
    DetectionSettings detection,
    InhibitionSettings inhibition,
    RoutingSettings routing,
    DeliverySettings delivery,
    ApiSettings api,
    DigestSettings digest,
    ModelsSettings models,
    @Nullable Boolean console)
    implements Validated {

  public static final String FILE_NAME = "alerts.yml";

  /** Loads the shipped defaults overlaid by {@code userFile} when given. */
  public static AlertsConfig load(ConfigLoader loader, @Nullable Path userFile) {
    return loader.load(AlertsConfig.class, FILE_NAME, userFile);
  }

  @Override
  public void validate(Validation v) {
    v.nested("kafka", kafka)
        .nested("streams", streams)
        .nested("influx", influx)
        .nested("metrics", metrics)
        .nested("subscriptions", subscriptions)
        .nested("smtp", smtp)
        .nested("grafana", grafana)
        .nested("detection", detection)
        .nested("inhibition", inhibition)
        .nested("routing", routing)
        .nested("delivery", delivery)
        .nested("api", api)
        .nested("digest", digest)
        .nested("models", models);
  }
}
