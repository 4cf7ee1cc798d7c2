package com.finpulse.processor.deadletter;

import com.finpulse.processor.metrics.ProcessorMetrics;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.jspecify.annotations.Nullable;

/** Wires the dead-letter exception handlers into a Kafka Streams configuration. */
public final class DeadLetterHandlers {

  /**
   * Streams property holding the {@link ProcessorMetrics} instance (Kafka Streams passes unknown
   * properties, objects included, through to the handlers' {@code configure}).
   */
  static final String METRICS_CONFIG = "finpulse.processor.metrics";

  private DeadLetterHandlers() {}

  /** The Streams properties that install both handlers, reporting to {@code metrics}. */
  public static Map<String, Object> streamsProperties(ProcessorMetrics metrics) {
    return Map.of(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class,
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class,
        // No global stores here; this only makes the handler's coverage explicit (default in 5.0).
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG,
        true,
        METRICS_CONFIG,
        metrics);
  }

  static @Nullable ProcessorMetrics metrics(Map<String, ?> configs) {
    return configs.get(METRICS_CONFIG) instanceof ProcessorMetrics m ? m : null;
  }
}
