package com.finpulse.common.serde;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/** Kafka record header names, one place. Values are UTF-8 strings. */
public final class HeaderNames {

  /** {@code <EventType>/<version>}, set by {@link EventSerde}. */
  public static final String SCHEMA = "finpulse.schema";

  /** Name of the ingest source that produced the record. */
  public static final String SOURCE = "finpulse.source";

  /** Dead-letter records: why the record was rejected. */
  public static final String DLQ_ERROR = "finpulse.dlq.error";

  /** Dead-letter records: exception class of the failure. */
  public static final String DLQ_EXCEPTION = "finpulse.dlq.exception";

  /** Dead-letter records: topic, partition and offset the record came from. */
  public static final String DLQ_ORIGIN = "finpulse.dlq.origin";

  /** Dead-letter records: the original value bytes, unchanged (also the record value). */
  public static final String DLQ_ORIGINAL_VALUE = "finpulse.dlq.original-value";

  /** Dead-letter records: the original key bytes, unchanged. */
  public static final String DLQ_ORIGINAL_KEY = "finpulse.dlq.original-key";

  /** Dead-letter records: which stage rejected it (validate, score, ...). */
  public static final String DLQ_STAGE = "finpulse.dlq.stage";

  private HeaderNames() {}

  /**
   * The event type a record's {@link #SCHEMA} header names ({@code Alert} for {@code Alert/1}), for
   * topics that carry more than one type; null when the header is absent.
   */
  public static @Nullable String schemaType(@Nullable Headers headers) {
    Header h = headers == null ? null : headers.lastHeader(SCHEMA);
    if (h == null || h.value() == null) {
      return null;
    }
    String value = new String(h.value(), StandardCharsets.UTF_8);
    int slash = value.indexOf('/');
    return slash < 0 ? value : value.substring(0, slash);
  }

  static byte[] schemaValue(String type, int version) {
    return (type + "/" + version).getBytes(StandardCharsets.UTF_8);
  }
}
