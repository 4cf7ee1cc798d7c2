package com.finpulse.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;

/** Reads durations in config with {@link HumanDuration}, the one parser of durations. */
final class HumanDurationDeserializer extends StdScalarDeserializer<Duration> {

  HumanDurationDeserializer() {
    super(Duration.class);
  }

  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (Duration)
          ctxt.handleUnexpectedToken(
              Duration.class, p.currentToken(), p, "a duration needs a unit, e.g. 30s, 5m, 250ms");
    }
    String text = p.getText().trim();
    try {
      return HumanDuration.parse(text);
    } catch (IllegalArgumentException e) {
      return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
    }
  }
}
