package com.finpulse.common.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Loads a service's YAML configuration: the defaults shipped in the jar, overlaid by an optional
 * user file, with {@code ${ENV:-default}} expanded in values, bound to a record and validated.
 *
 * <p>Keys are snake_case. Unknown keys are errors (a typo must not silently fall back to a
 * default). Every problem is reported as {@code file:line: key: what is wrong}, pointing into the
 * file the value came from.
 */
public final class ConfigLoader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final YAMLFactory YAML = new YAMLFactory();

  private final ObjectMapper mapper;
  private final EnvSubstitution env;

  public ConfigLoader(Map<String, String> env) {
    this.env = new EnvSubstitution(env);
    SimpleModule durations = new SimpleModule("human-durations");
    durations.addDeserializer(Duration.class, new HumanDurationDeserializer());
    this.mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(durations)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
  }

  /** A loader reading the process environment. */
  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  /**
   * Loads {@code defaultsResource} from the classpath, overlays {@code userFile} when given, binds
   * and validates.
   *
   * @throws ConfigException listing every problem with its file and line
   */
  public <T> T load(Class<T> type, String defaultsResource, @Nullable Path userFile) {
    Map<String, ConfigLocation> locations = new HashMap<>();
    List<String> problems = new ArrayList<>();
    JsonNode tree = readResource(defaultsResource, locations, problems);
    if (userFile != null && problems.isEmpty()) {
      JsonNode user = readFile(userFile, locations, problems);
      if (user != null && !user.isMissingNode() && !user.isNull()) {
        tree = merge(tree, user);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return bind(type, tree, locations, defaultsResource, userFile);
  }

  /** Loads a standalone file with no shipped defaults (e.g. subscriptions). */
  public <T> T loadFile(Class<T> type, Path file) {
    Map<String, ConfigLocation> locations = new HashMap<>();
    List<String> problems = new ArrayList<>();
    JsonNode tree = readFile(file, locations, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return bind(type, tree, locations, file.toString(), file);
  }

  private <T> T bind(
      Class<T> type,
      JsonNode tree,
      Map<String, ConfigLocation> locations,
      String defaultsName,
      @Nullable Path userFile) {
    String fallbackSource = userFile != null ? userFile.toString() : defaultsName;
    List<ConfigShapeCheck.Problem> shape =
        ConfigShapeCheck.check(type, tree == null ? NODES.objectNode() : tree);
    if (!shape.isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (ConfigShapeCheck.Problem p : shape) {
        lines.add(
            locate(p.path(), locations, fallbackSource)
                + ": "
                + (p.message().startsWith("unknown key") ? "" : p.path() + ": ")
                + p.message());
      }
      throw new ConfigException(lines);
    }
    T value;
    try {
      value = mapper.treeToValue(tree == null ? NODES.objectNode() : tree, type);
    } catch (JsonMappingException e) {
      String path = pathOf(e);
      throw new ConfigException(
          List.of(locate(path, locations, fallbackSource) + ": " + describe(path, e)));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ConfigException(List.of(fallbackSource + ": " + e.getMessage()));
    }
    if (value instanceof Validated validated) {
      Validation v = Validation.root();
      try {
        validated.validate(v);
      } catch (RuntimeException e) {
        // A record's checks assume its values are set; an empty (null) or missing value can break
        // them. Name those values instead of failing with the checks' exception.
        List<String> lines = new ArrayList<>();
        for (ConfigShapeCheck.Problem p :
            ConfigShapeCheck.unset(value, tree == null ? NODES.objectNode() : tree)) {
          lines.add(
              locate(p.path(), locations, fallbackSource) + ": " + p.path() + ": " + p.message());
        }
        if (lines.isEmpty()) {
          lines.add(fallbackSource + ": invalid configuration (" + e + ")");
        }
        throw new ConfigException(lines);
      }
      if (!v.problems().isEmpty()) {
        List<String> lines = new ArrayList<>();
        for (Validation.Problem p : v.problems()) {
          lines.add(
              locate(p.path(), locations, fallbackSource) + ": " + p.path() + ": " + p.message());
        }
        throw new ConfigException(lines);
      }
    }
    return value;
  }

  private static String describe(String path, JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      if (u.getKnownPropertyIds() != null) {
        u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      known.sort(null);
      return "unknown key '"
          + u.getPropertyName()
          + "'"
          + (known.isEmpty() ? "" : " (known keys: " + String.join(", ", known) + ")");
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f
        && f.getTargetType() != null) {
      Class<?> target = f.getTargetType();
      String expected =
          target.isEnum()
              ? "one of "
                  + java.util.Arrays.stream(target.getEnumConstants())
                      .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                      .toList()
              : "a " + target.getSimpleName();
      return (path.isEmpty() ? "" : path + ": ")
          + "expected "
          + expected
          + ", got '"
          + f.getValue()
          + "'";
    }
    String msg = e.getOriginalMessage();
    int cut = msg.indexOf("\n");
    if (cut > 0) {
      msg = msg.substring(0, cut);
    }
    return (path.isEmpty() ? "" : path + ": ") + msg;
  }

  /** The location of {@code path}, or of its deepest ancestor present in a file. */
  private static String locate(
      String path, Map<String, ConfigLocation> locations, String fallbackSource) {
    String p = path;
    while (true) {
      ConfigLocation loc = locations.get(p);
      if (loc != null) {
        return loc.toString();
      }
      if (p.isEmpty()) {
        return fallbackSource + ":1";
      }
      int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = dot < 0 ? "" : p.substring(0, dot);
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private JsonNode readResource(
      String resource, Map<String, ConfigLocation> locations, List<String> problems) {
    String name = "classpath:" + resource;
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        problems.add(name + ": default configuration missing from the jar (broken build?)");
        return NODES.objectNode();
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), name, locations, problems);
    } catch (IOException e) {
      problems.add(name + ": cannot read: " + e.getMessage());
      return NODES.objectNode();
    }
  }

  private JsonNode readFile(
      Path file, Map<String, ConfigLocation> locations, List<String> problems) {
    try {
      return parse(
          Files.readString(file, StandardCharsets.UTF_8), file.toString(), locations, problems);
    } catch (NoSuchFileException e) {
      problems.add(file + ": file not found");
    } catch (java.nio.charset.MalformedInputException e) {
      problems.add(file + ": not valid UTF-8");
    } catch (IOException e) {
      problems.add(file + ": cannot read: " + e.getMessage());
    }
    return NODES.objectNode();
  }

  private JsonNode parse(
      String text, String source, Map<String, ConfigLocation> locations, List<String> problems) {
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return NODES.objectNode();
      }
      JsonNode node = readValue(p, "", source, locations, problems);
      if (!node.isObject()) {
        problems.add(
            source
                + ":"
                + line(p.currentTokenLocation())
                + ": expected a mapping of keys at the top level");
        return NODES.objectNode();
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage();
      int cut = msg.indexOf('\n');
      problems.add(
          source
              + ":"
              + (loc == null ? 1 : line(loc))
              + ": invalid YAML: "
              + (cut > 0 ? msg.substring(0, cut) : msg));
      return NODES.objectNode();
    } catch (IOException e) {
      problems.add(source + ": cannot parse: " + e.getMessage());
      return NODES.objectNode();
    }
  }

  private JsonNode readValue(
      JsonParser p,
      String path,
      String source,
      Map<String, ConfigLocation> locations,
      List<String> problems)
      throws IOException {
    JsonToken t = p.currentToken();
    int line = line(p.currentTokenLocation());
    if (!path.isEmpty()) {
      locations.putIfAbsent(path, new ConfigLocation(source, line));
    }
    switch (t) {
      case START_OBJECT -> {
        ObjectNode obj = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          String child = path.isEmpty() ? key : path + "." + key;
          int keyLine = line(p.currentTokenLocation());
          if (obj.has(key)) {
            problems.add(source + ":" + keyLine + ": " + child + ": key appears twice");
          }
          locations.put(child, new ConfigLocation(source, keyLine));
          p.nextToken();
          obj.set(key, readValue(p, child, source, locations, problems));
        }
        return obj;
      }
      case START_ARRAY -> {
        ArrayNode arr = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String child = path + "[" + i++ + "]";
          locations.put(child, new ConfigLocation(source, line(p.currentTokenLocation())));
          arr.add(readValue(p, child, source, locations, problems));
        }
        return arr;
      }
      case VALUE_STRING -> {
        try {
          return NODES.textNode(env.expand(p.getText()));
        } catch (IllegalArgumentException e) {
          problems.add(source + ":" + line + ": " + path + ": " + e.getMessage());
          return NODES.nullNode();
        }
      }
      case VALUE_NUMBER_INT -> {
        return NODES.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(p.getBooleanValue());
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        problems.add(source + ":" + line + ": " + path + ": unsupported YAML value " + t);
        return NODES.nullNode();
      }
    }
  }

  private static int line(JsonLocation loc) {
    return Math.max(1, loc.getLineNr());
  }

  /** Objects merge key by key; any other user value replaces the default. */
  static JsonNode merge(JsonNode defaults, JsonNode user) {
    if (defaults instanceof ObjectNode d && user instanceof ObjectNode u) {
      ObjectNode out = d.deepCopy();
      Iterator<Map.Entry<String, JsonNode>> it = u.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode existing = out.get(e.getKey());
        out.set(e.getKey(), existing == null ? e.getValue() : merge(existing, e.getValue()));
      }
      return out;
    }
    return user;
  }
}
