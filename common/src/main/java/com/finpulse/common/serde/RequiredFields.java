package com.finpulse.common.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds the required fields a JSON object lacks, from the record's declaration: every component not
 * annotated {@link Nullable} and not a collection is required. Nested records are checked too, so
 * the message can say {@code sentiment_probabilities.neutral}.
 */
final class RequiredFields {

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
  private static final Map<Class<?>, List<Field>> CACHE = new ConcurrentHashMap<>();

  private record Field(
      String jsonName, @Nullable Class<?> nestedRecord, boolean required, boolean text) {}

  private RequiredFields() {}

  static List<String> missing(Class<?> recordType, JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(recordType, node, "", out);
    return out;
  }

  private static void collect(Class<?> type, JsonNode node, String prefix, List<String> out) {
    for (Field f : fields(type)) {
      JsonNode value = node.get(f.jsonName());
      // Jackson reads "" as null for a time, a number wrapper or an enum: that is no value either.
      boolean absent =
          value == null
              || value.isNull()
              || (!f.text() && value.isTextual() && value.asText().isBlank());
      if (absent) {
        if (f.required()) {
          out.add(prefix + f.jsonName());
        }
      } else if (f.nestedRecord() != null && value.isObject()) {
        collect(f.nestedRecord(), value, prefix + f.jsonName() + ".", out);
      }
    }
  }

  private static List<Field> fields(Class<?> type) {
    return CACHE.computeIfAbsent(type, RequiredFields::describe);
  }

  private static List<Field> describe(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      return List.of();
    }
    List<Field> out = new ArrayList<>();
    for (RecordComponent c : components) {
      Class<?> raw = c.getType();
      boolean nullable = c.getAnnotatedType().isAnnotationPresent(Nullable.class);
      boolean collection =
          Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw);
      Class<?> nested = raw.isRecord() ? raw : null;
      out.add(
          new Field(
              SNAKE.translate(c.getName()),
              nested,
              !nullable && !collection,
              raw == String.class || raw == Object.class));
    }
    return List.copyOf(out);
  }
}
