package com.finpulse.processor.service;

import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.StreamsSettings;
import com.finpulse.processor.deadletter.DeadLetterHandlers;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.jspecify.annotations.Nullable;

/** The Kafka Streams configuration of the processor, from its {@link ProcessorConfig}. */
public final class StreamsProperties {

  private StreamsProperties() {}

  public static Properties of(ProcessorConfig config, Path stateDir, ProcessorMetrics metrics) {
    StreamsSettings s = config.streams();
    Properties p = new Properties();
    p.putAll(config.kafka().clientProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, s.standbyReplicas());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitInterval().toMillis());
    p.put(StreamsConfig.POLL_MS_CONFIG, s.pollInterval().toMillis());
    String instance = instanceId(config, stateDir);
    if (instance != null) {
      // Kafka Streams appends the thread index to it for each thread's consumer.
      p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance);
    }
    p.putAll(DeadLetterHandlers.streamsProperties(metrics));
    p.putAll(s.properties());
    return p;
  }

  /** The static member id of this instance, or null for dynamic membership. */
  static @Nullable String instanceId(ProcessorConfig config, Path stateDir) {
    StreamsSettings s = config.streams();
    if (!s.staticMembership()) {
      return null;
    }
    if (!s.instanceId().isEmpty()) {
      return s.instanceId();
    }
    return host() + "-" + shortHash(stateDir.toAbsolutePath().normalize().toString());
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
