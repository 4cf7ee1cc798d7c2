package com.finpulse.processor.deadletter;

import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;

/**
 * Builds the records of {@code news.dlq}: the original key and value bytes, unchanged, with the
 * original headers and the reason in {@link HeaderNames}{@code .DLQ_*} headers. Re-publishing the
 * value to news.raw after fixing the cause replays it.
 */
public final class DeadLetters {

  /** The record could not be read as a NewsArticle (not JSON, missing fields, wrong types). */
  public static final String STAGE_VALIDATE = "validate";

  /** A Kafka Streams deserializer failed before our code saw the record. */
  public static final String STAGE_DESERIALIZE = "deserialize";

  /** The model could not score the article (isolated from the rest of its batch). */
  public static final String STAGE_SCORE = "score";

  /** An unexpected exception in a processor; the node name follows the colon. */
  public static final String STAGE_PROCESS = "process";

  private static final int MAX_ERROR_CHARS = 4000;

  private DeadLetters() {}

  public static Headers headers(
      @Nullable Headers original,
      String stage,
      String error,
      String exceptionClass,
      String origin,
      byte @Nullable [] rawKey,
      byte @Nullable [] rawValue) {
    RecordHeaders out = new RecordHeaders();
    if (original != null) {
      for (Header h : original) {
        if (!h.key().startsWith("finpulse.dlq.")) {
          out.add(h);
        }
      }
    }
    out.add(HeaderNames.DLQ_STAGE, utf8(stage));
    out.add(HeaderNames.DLQ_ERROR, utf8(truncate(error)));
    out.add(HeaderNames.DLQ_EXCEPTION, utf8(exceptionClass));
    out.add(HeaderNames.DLQ_ORIGIN, utf8(origin));
    if (rawKey != null) {
      out.add(HeaderNames.DLQ_ORIGINAL_KEY, rawKey);
    }
    if (rawValue != null) {
      out.add(HeaderNames.DLQ_ORIGINAL_VALUE, rawValue);
    }
    return out;
  }

  /** A dead letter forwarded by a processor to the news.dlq sink node. */
  public static Record<byte[], byte[]> record(
      byte @Nullable [] rawKey, byte @Nullable [] rawValue, long timestamp, Headers headers) {
    return new Record<>(rawKey, rawValue, timestamp, headers);
  }

  /** A dead letter returned by a Kafka Streams exception handler. */
  public static ProducerRecord<byte[], byte[]> producerRecord(
      byte @Nullable [] rawKey, byte @Nullable [] rawValue, long timestamp, Headers headers) {
    return new ProducerRecord<>(
        Topics.NEWS_DLQ, null, timestamp < 0 ? null : timestamp, rawKey, rawValue, headers);
  }

  public static String origin(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "...";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
