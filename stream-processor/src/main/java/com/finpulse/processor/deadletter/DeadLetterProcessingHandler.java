package com.finpulse.processor.deadletter;

import com.finpulse.processor.metrics.ProcessorMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected exception while processing one record dead-letters the source record (original
 * bytes, the failing node in the stage header) and processing continues: one odd article must not
 * stop the pipeline.
 *
 * <p>It does <em>not</em> continue past failures that are not about a record: an exception in a
 * punctuation (no record to dead-letter), a Kafka Streams exception (state store, producer) or a
 * failure {@link NotAboutTheRecord} (the model is unavailable). Those stop the stream thread; the
 * task's state and input offsets are as of its last commit, so nothing is lost and a restart
 * resumes.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private ProcessorMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = DeadLetterHandlers.metrics(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
    if (record == null || isFatal(e)) {
      LOG.error(
          "Stopping the stream thread of task {}: {} in {} is not a problem of one record",
          context.taskId(),
          e.toString(),
          context.processorNodeId());
      return Response.fail();
    }
    String stage = DeadLetters.STAGE_PROCESS + ":" + context.processorNodeId();
    String origin = DeadLetters.origin(context.topic(), context.partition(), context.offset());
    LOG.warn("Dead-lettering {} ({}): {}", origin, stage, e.toString(), e);
    if (metrics != null) {
      metrics.deadLetter(stage);
    }
    return Response.resume(
        List.of(
            DeadLetters.producerRecord(
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.timestamp(),
                DeadLetters.headers(
                    context.headers(),
                    stage,
                    String.valueOf(e.getMessage()),
                    e.getClass().getName(),
                    origin,
                    context.sourceRawKey(),
                    context.sourceRawValue()))));
  }

  private static boolean isFatal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NotAboutTheRecord || t instanceof StreamsException) {
        return true;
      }
    }
    return false;
  }
}
