package com.finpulse.alerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.finpulse.common.config.HumanDuration;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.serde.JsonCodec;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reading and checking requests, in one place: the body size limit, strict JSON (unknown fields are
 * errors), the domain checks of {@link Validated} records, durations, and query parameters. Every
 * refusal is a 400 (413 for size) whose message names the field and the rule; no message carries a
 * Java class name.
 */
final class Requests {

  private final ObjectMapper strict =
      JsonCodec.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final ObjectMapper json = JsonCodec.mapper();
  private final int maxBody;

  Requests(int maxBody) {
    this.maxBody = maxBody;
  }

  int maxBody() {
    return maxBody;
  }

  /** The JSON body as {@code type}; at most {@link #maxBody()} bytes, no unknown fields. */
  <T> T body(Context ctx, Class<T> type) {
    byte[] body;
    try (InputStream in = ctx.bodyInputStream()) {
      body = in.readNBytes(maxBody + 1);
    } catch (IOException e) {
      throw new ApiException(400, "the request body could not be read");
    }
    if (body.length > maxBody) {
      throw tooLarge();
    }
    try {
      T value = strict.readValue(body, type);
      if (value == null) {
        throw new ApiException(400, "expected a JSON object");
      }
      return value;
    } catch (JsonMappingException e) {
      throw new ApiException(400, "invalid JSON at " + at(e) + ": " + explain(e));
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      throw new ApiException(
          400,
          "not valid JSON"
              + (where == null
                  ? ""
                  : " at line " + where.getLineNr() + ", column " + where.getColumnNr()));
    } catch (IOException e) {
      throw new ApiException(400, "the request body could not be read");
    }
  }

  ApiException tooLarge() {
    return new ApiException(413, "request body over " + maxBody + " bytes");
  }

  /** Throws a 400 listing {@code value}'s problems, if it has any. */
  static void validate(Validated value, String what) {
    Validation v = Validation.root();
    value.validate(v);
    if (!v.problems().isEmpty()) {
      throw new ApiException(
          400,
          what + " not added",
          v.problems().stream().map(p -> p.path() + ": " + p.message()).toList());
    }
  }

  /** A duration as YAML and the command line read it ({@code 250ms}, {@code 2h}, {@code 1d}). */
  static Duration duration(String field, String text) {
    try {
      return HumanDuration.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, field + ": " + e.getMessage() + ", got '" + text + "'");
    }
  }

  /** {@code limit}: a whole number in [1, 1000], 50 when absent. */
  static int limit(Context ctx) {
    String text = ctx.queryParam("limit");
    try {
      int n = text == null ? 50 : Integer.parseInt(text);
      if (n < 1 || n > 1000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "limit must be a whole number in [1, 1000]");
    }
  }

  /** A query parameter that must be one of {@code allowed}; the first is the default. */
  static String choice(Context ctx, String name, List<String> allowed) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return allowed.get(0);
    }
    if (!allowed.contains(value)) {
      throw new ApiException(400, name + " must be " + String.join(" or ", allowed));
    }
    return value;
  }

  /** The time ranges the console offers, as {@code range}: the first is the default. */
  static final List<String> RANGES = List.of("1h", "6h", "24h", "7d");

  /** {@code range}: one of {@link #RANGES}. */
  static Duration range(Context ctx) {
    return HumanDuration.parse(choice(ctx, "range", RANGES));
  }

  /** A query parameter, trimmed; null when absent or blank. At most 200 characters. */
  static @Nullable String optional(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > 200) {
      throw new ApiException(400, name + " must be at most 200 characters");
    }
    return value.trim();
  }

  /** A query parameter naming a constant of {@code type} by its label; the first is the default. */
  static <E extends Enum<E>> E enumChoice(
      Context ctx, String name, Class<E> type, Function<E, String> label) {
    List<E> constants = List.of(type.getEnumConstants());
    String chosen = choice(ctx, name, constants.stream().map(label).toList());
    return constants.stream().filter(c -> label.apply(c).equals(chosen)).findFirst().orElseThrow();
  }

  /** A timestamp query parameter such as {@code 2026-03-01T09:30:00Z}; null when absent. */
  static @Nullable Instant instant(Context ctx, String name) {
    String value = optional(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException(
          400, name + " must be " + NAMES.get(Instant.class) + ", got '" + value + "'");
    }
  }

  private static String at(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
        .orElse("(root)");
  }

  private String explain(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      return "unknown field '"
          + u.getPropertyName()
          + "'"
          + (known == null || known.isEmpty()
              ? ""
              : "; fields here are: "
                  + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    }
    if (e instanceof InvalidFormatException f) {
      return "'" + f.getValue() + "' is not " + expected(f.getTargetType());
    }
    if (e instanceof ValueInstantiationException v) {
      if (v.getType().isEnumType()) {
        return "expected " + expected(v.getType().getRawClass());
      }
      Throwable cause = v.getCause();
      return cause == null ? "invalid value" : plain(cause.getMessage());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + expected(m.getTargetType());
    }
    return plain(e.getOriginalMessage());
  }

  /** A message's first line when it is plain words, not a class name or a library's jargon. */
  private static String plain(String message) {
    String msg = message == null ? "" : message;
    int cut = msg.indexOf('\n');
    String first = cut > 0 ? msg.substring(0, cut) : msg;
    return first.isBlank()
            || first.matches(".*\\b(java|javax|com|org|io|kotlin)\\.[a-z].*")
            || first.contains("`")
            || first.contains("Exception")
        ? "invalid value"
        : first;
  }

  private static final Map<Class<?>, String> NAMES =
      Map.ofEntries(
          Map.entry(String.class, "a string"),
          Map.entry(Boolean.class, "true or false"),
          Map.entry(boolean.class, "true or false"),
          Map.entry(Integer.class, "a whole number"),
          Map.entry(int.class, "a whole number"),
          Map.entry(Long.class, "a whole number"),
          Map.entry(long.class, "a whole number"),
          Map.entry(Double.class, "a number"),
          Map.entry(double.class, "a number"),
          Map.entry(Instant.class, "a timestamp such as 2026-03-01T09:30:00Z"),
          Map.entry(Duration.class, "a duration such as " + HumanDuration.EXAMPLES),
          Map.entry(LocalTime.class, "a time of day such as 22:00"));

  private String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(this::jsonText)
              .collect(Collectors.joining(", "));
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return NAMES.getOrDefault(type, "a valid value");
  }

  private String jsonText(Object constant) {
    try {
      return json.writeValueAsString(constant).replace("\"", "");
    } catch (JsonProcessingException e) {
      return String.valueOf(constant);
    }
  }
}
