package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;

/**
 * The detector's Kafka Streams application.
 *
 * @param startFrom {@code earliest} or {@code latest}: where a first start reads its inputs from
 * @param staticMembership rejoin with a stable member id, so a restart (also after a crash) gets
 *     its partitions back without waiting for the dead member's session to expire
 * @param instanceId the stable member id; empty: {@code <host>-alerts-<hash of the state dir>}
 */
public record StreamsSettings(
    String applicationId,
    int replicationFactor,
    Duration commitInterval,
    int standbyReplicas,
    String startFrom,
    boolean staticMembership,
    String instanceId)
    implements Validated {

  public StreamsSettings {
    instanceId = instanceId == null ? "" : instanceId;
  }

  @Override
  public void validate(Validation v) {
    v.check(
        applicationId != null && applicationId.matches("[A-Za-z0-9._-]+"),
        "application_id",
        "use letters, digits, '.', '_' and '-' only, got '" + applicationId + "'");
    v.check(replicationFactor >= 1, "replication_factor", "must be >= 1");
    v.check(
        !commitInterval.isNegative() && !commitInterval.isZero(),
        "commit_interval",
        "must be positive");
    v.check(standbyReplicas >= 0, "standby_replicas", "must be >= 0");
    v.check(
        "earliest".equals(startFrom) || "latest".equals(startFrom),
        "start_from",
        "must be earliest or latest, got '" + startFrom + "'");
  }
}
