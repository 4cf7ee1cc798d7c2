package com.finpulse.alerts.detect;

import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input record the detector cannot read goes to {@code news.dlq} with the reason in the
 * project's dead-letter headers, and processing continues: one bad record must neither stop
 * detection nor vanish.
 */
public final class PoisonRecordHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandler.class);
  static final String STAGE = "alerts";

  /** The Streams setting that routes undecodable input records here. */
  public static Map<String, Object> streamsProperties() {
    return Map.of(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        PoisonRecordHandler.class.getName());
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
    LOG.warn(
        "Unreadable record {} sent to {}: {}", origin, Topics.NEWS_DLQ, exception.getMessage());
    RecordHeaders headers = new RecordHeaders();
    headers.add(HeaderNames.DLQ_ERROR, utf8(String.valueOf(exception.getMessage())));
    headers.add(HeaderNames.DLQ_EXCEPTION, utf8(exception.getClass().getName()));
    headers.add(HeaderNames.DLQ_ORIGIN, utf8(origin));
    headers.add(HeaderNames.DLQ_STAGE, utf8(STAGE));
    if (record.key() != null) {
      headers.add(HeaderNames.DLQ_ORIGINAL_KEY, record.key());
    }
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                Topics.NEWS_DLQ, null, null, record.key(), record.value(), headers)));
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
