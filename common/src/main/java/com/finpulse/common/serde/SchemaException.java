package com.finpulse.common.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be read as the event it claims to be: not JSON, a missing required field, a
 * value of the wrong type. The message names the event type and every offending field, so it can go
 * straight into a dead-letter header.
 */
public class SchemaException extends SerializationException {

  public SchemaException(String message) {
    super(message);
  }

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
