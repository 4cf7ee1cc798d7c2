package com.finpulse.model.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** One-line JSON for the commands' results. */
final class ModelJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelJson() {}

  static String line(Map<String, Object> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
