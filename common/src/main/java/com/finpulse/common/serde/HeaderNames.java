package com.finpulse.common.serde;

import java.nio.charset.StandardCharsets;

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

  static byte[] schemaValue(String type, int version) {
    return (type + "/" + version).getBytes(StandardCharsets.UTF_8);
  }
}
