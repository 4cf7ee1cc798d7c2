package com.finpulse.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a configuration tree against the record it binds to before anything binds it, so that one
 * run reports every unknown key and every value of the wrong type of a file, each as {@code key:
 * expected <type>, got <value>}, instead of the binder's first complaint. What it cannot judge
 * (enums, types with their own creators) it leaves to the binder.
 */
final class ConfigShapeCheck {

  /** A problem at a key path. */
  record Problem(String path, String message) {}

  private final List<Problem> problems = new ArrayList<>();

  static List<Problem> check(Class<?> type, JsonNode tree) {
    ConfigShapeCheck c = new ConfigShapeCheck();
    c.value(type, tree, "");
    return c.problems;
  }

  /**
   * The values a record expects that are empty ({@code key:} or {@code ~}) or missing, by path: the
   * explanation when a record's own checks fail on a value that is not set.
   */
  static List<Problem> unset(Object bound, JsonNode tree) {
    List<Problem> out = new ArrayList<>();
    unset(bound, tree, "", out);
    return out;
  }

  private static void unset(Object value, JsonNode node, String path, List<Problem> out) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unset(list.get(i), node == null ? null : node.get(i), path + "[" + i + "]", out);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        unset(e.getValue(), node == null ? null : node.get(key), child(path, key), out);
      }
    } else if (value.getClass().isRecord()) {
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        String key = snake(rc.getName());
        Object v;
        try {
          rc.getAccessor().setAccessible(true);
          v = rc.getAccessor().invoke(value);
        } catch (ReflectiveOperationException | RuntimeException e) {
          continue;
        }
        JsonNode n = node == null ? null : node.get(key);
        boolean nullable =
            java.util.Arrays.stream(rc.getAnnotatedType().getAnnotations())
                .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
        if (v == null) {
          if (!nullable) {
            out.add(
                new Problem(child(path, key), n == null ? "missing" : "must be set, not empty"));
          }
        } else {
          unset(v, n, child(path, key), out);
        }
      }
    }
  }

  private void value(Type type, JsonNode node, String path) {
    Class<?> raw = rawClass(type);
    if (raw == null || node == null || node.isMissingNode()) {
      return;
    }
    if (node.isNull()) {
      if (raw.isPrimitive()) {
        problems.add(new Problem(path, "must be set: expected " + expected(raw, type)));
      }
      return;
    }
    if (raw == String.class) {
      if (!node.isValueNode()) {
        wrong(path, "a text value", node);
      }
    } else if (raw == int.class
        || raw == Integer.class
        || raw == long.class
        || raw == Long.class
        || raw == short.class
        || raw == Short.class) {
      if (!(node.isIntegralNumber() || (node.isTextual() && isInteger(node.asText())))) {
        wrong(path, "an integer", node);
      }
    } else if (raw == double.class
        || raw == Double.class
        || raw == float.class
        || raw == Float.class) {
      if (!(node.isNumber() || (node.isTextual() && isNumber(node.asText())))) {
        wrong(path, "a number", node);
      }
    } else if (raw == boolean.class || raw == Boolean.class) {
      if (!(node.isBoolean()
          || (node.isTextual()
              && Set.of("true", "false")
                  .contains(node.asText().trim().toLowerCase(Locale.ROOT))))) {
        wrong(path, "true or false", node);
      }
    } else if (raw == Duration.class) {
      boolean ok = node.isTextual();
      if (ok) {
        try {
          HumanDuration.parse(node.asText().trim());
        } catch (RuntimeException e) {
          ok = false;
        }
      }
      if (!ok) {
        wrong(path, "a duration with a unit (250ms, 30s, 5m, 2h, 7d)", node);
      }
    } else if (List.class.isAssignableFrom(raw)
        || Set.class.isAssignableFrom(raw)
        || Collection.class == raw) {
      if (!node.isArray()) {
        wrong(path, "a list", node);
        return;
      }
      Type element = typeArgument(type, 0);
      for (int i = 0; i < node.size(); i++) {
        value(element, node.get(i), path + "[" + i + "]");
      }
    } else if (Map.class.isAssignableFrom(raw)) {
      if (!node.isObject()) {
        wrong(path, "a mapping of keys to values", node);
        return;
      }
      Type v = typeArgument(type, 1);
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        value(v, e.getValue(), child(path, e.getKey()));
      }
    } else if (raw.isRecord() && !hasCreator(raw)) {
      if (!node.isObject()) {
        wrong(path, "a mapping of keys", node);
        return;
      }
      Map<String, RecordComponent> known = new java.util.LinkedHashMap<>();
      for (RecordComponent rc : raw.getRecordComponents()) {
        known.put(snake(rc.getName()), rc);
      }
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        RecordComponent rc = known.get(e.getKey());
        String p = child(path, e.getKey());
        if (rc == null) {
          problems.add(
              new Problem(
                  p,
                  "unknown key '"
                      + e.getKey()
                      + "' (known keys: "
                      + String.join(", ", new TreeSet<>(known.keySet()))
                      + ")"));
        } else {
          value(rc.getGenericType(), e.getValue(), p);
        }
      }
    }
    // Anything else (enums, own creators, Instant, ...) is the binder's to judge.
  }

  private void wrong(String path, String expected, JsonNode got) {
    problems.add(new Problem(path, "expected " + expected + ", got " + describe(got)));
  }

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    String text = n.asText();
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return "'" + text + "'";
  }

  private static String expected(Class<?> raw, Type type) {
    if (raw == boolean.class) {
      return "true or false";
    }
    if (raw == double.class || raw == float.class) {
      return "a number";
    }
    return "an integer";
  }

  private static boolean isInteger(String s) {
    try {
      new BigDecimal(s.trim()).toBigIntegerExact();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean hasCreator(Class<?> c) {
    return Stream.<Executable>concat(
            Stream.of(c.getDeclaredConstructors()),
            Stream.of(c.getDeclaredMethods()).filter(m -> Modifier.isStatic(m.getModifiers())))
        .anyMatch(e -> e.isAnnotationPresent(JsonCreator.class));
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Type typeArgument(Type t, int i) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      return p.getActualTypeArguments()[i];
    }
    return Object.class;
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String snake(String camel) {
    return SNAKE.translate(camel);
  }

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
}
