package com.finpulse.processor.deadletter;

import com.finpulse.processor.metrics.ProcessorMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a source deserializer cannot read goes to news.dlq (inside the task's transaction) and
 * processing continues. news.raw is read as bytes, so this catches bad records on the other sources
 * (news.scored, the internal repartition topic), which only a bug or a foreign producer can cause.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private ProcessorMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = DeadLetterHandlers.metrics(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String origin = DeadLetters.origin(record.topic(), record.partition(), record.offset());
    LOG.warn(
        "Dead-lettering {} ({}): {}", origin, DeadLetters.STAGE_DESERIALIZE, exception.toString());
    if (metrics != null) {
      metrics.deadLetter(DeadLetters.STAGE_DESERIALIZE);
    }
    return Response.resume(
        List.of(
            DeadLetters.producerRecord(
                record.key(),
                record.value(),
                record.timestamp(),
                DeadLetters.headers(
                    record.headers(),
                    DeadLetters.STAGE_DESERIALIZE,
                    String.valueOf(exception.getMessage()),
                    exception.getClass().getName(),
                    origin,
                    record.key(),
                    record.value()))));
  }
}
