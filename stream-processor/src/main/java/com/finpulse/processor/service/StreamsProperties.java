package com.finpulse.processor.service;

import com.finpulse.common.streams.ExactlyOnceStreams;
import com.finpulse.common.streams.StaticMemberId;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.StreamsSettings;
import com.finpulse.processor.deadletter.DeadLetterHandlers;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.nio.file.Path;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** The Kafka Streams configuration of the processor, from its {@link ProcessorConfig}. */
public final class StreamsProperties {

  private StreamsProperties() {}

  public static Properties of(ProcessorConfig config, Path stateDir, ProcessorMetrics metrics) {
    StreamsSettings s = config.streams();
    return ExactlyOnceStreams.settings(
            config.kafka().clientProperties(), s.applicationId(), stateDir)
        .threads(s.threads())
        .standbyReplicas(s.standbyReplicas())
        .commitInterval(s.commitInterval())
        .pollInterval(s.pollInterval())
        .staticMember(instanceId(config, stateDir))
        .with(DeadLetterHandlers.streamsProperties(metrics))
        .with(s.properties())
        .build();
  }

  /** The static member id of this instance, or null for dynamic membership. */
  static @Nullable String instanceId(ProcessorConfig config, Path stateDir) {
    StreamsSettings s = config.streams();
    return s.staticMembership() ? StaticMemberId.of(s.instanceId(), "", stateDir) : null;
  }
}
