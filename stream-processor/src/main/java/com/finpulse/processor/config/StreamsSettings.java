package com.finpulse.processor.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import java.util.Map;

/**
 * How the Kafka Streams application runs.
 *
 * @param applicationId the consumer group, the prefix of the internal topics and the transactional
 *     ids; every instance of one deployment shares it
 * @param threads stream threads of this instance; they share one inference worker
 * @param standbyReplicas warm copies of each task's state on other instances, for fast fail-over
 * @param stateDir where RocksDB state lives; empty means {@code <service state dir>/streams}
 * @param commitInterval how often a transaction commits: the latency floor of each topic hop
 * @param pollInterval longest a stream thread blocks in poll when idle; model results are forwarded
 *     between polls, so this bounds the hand-back delay
 * @param staticMembership rejoin with a stable {@code group.instance.id} so that a restart (or a
 *     crash) does not rebalance the group
 * @param instanceId the stable member id; empty means host name plus a hash of the state directory
 *     (unique per instance, since two instances never share a state directory)
 * @param properties further Kafka Streams properties, passed through last
 */
public record StreamsSettings(
    String applicationId,
    int threads,
    int standbyReplicas,
    String stateDir,
    Duration commitInterval,
    Duration pollInterval,
    boolean staticMembership,
    String instanceId,
    Map<String, String> properties)
    implements Validated {

  public StreamsSettings {
    stateDir = stateDir == null ? "" : stateDir.trim();
    instanceId = instanceId == null ? "" : instanceId.trim();
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public StreamsSettings withApplicationId(String id) {
    return new StreamsSettings(
        id,
        threads,
        standbyReplicas,
        stateDir,
        commitInterval,
        pollInterval,
        staticMembership,
        instanceId,
        properties);
  }

  public StreamsSettings withThreads(int n) {
    return new StreamsSettings(
        applicationId,
        n,
        standbyReplicas,
        stateDir,
        commitInterval,
        pollInterval,
        staticMembership,
        instanceId,
        properties);
  }

  public StreamsSettings withStateDir(String dir) {
    return new StreamsSettings(
        applicationId,
        threads,
        standbyReplicas,
        dir,
        commitInterval,
        pollInterval,
        staticMembership,
        instanceId,
        properties);
  }

  public StreamsSettings withCommitInterval(Duration interval) {
    return new StreamsSettings(
        applicationId,
        threads,
        standbyReplicas,
        stateDir,
        interval,
        pollInterval,
        staticMembership,
        instanceId,
        properties);
  }

  @Override
  public void validate(Validation v) {
    v.check(
        applicationId != null && applicationId.matches("[A-Za-z0-9._\\-]+"),
        "application_id",
        "use letters, digits, '.', '_' and '-' only, got '" + applicationId + "'");
    v.range(threads, 1, 64, "threads");
    v.range(standbyReplicas, 0, 5, "standby_replicas");
    v.check(
        commitInterval != null && commitInterval.toMillis() >= 10,
        "commit_interval",
        "must be at least 10ms");
    v.check(
        pollInterval != null && pollInterval.toMillis() >= 1 && pollInterval.toMillis() <= 1000,
        "poll_interval",
        "must be between 1ms and 1s");
  }
}
