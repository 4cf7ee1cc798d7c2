package com.finpulse.common.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Versioned JSON serde for one event record type.
 *
 * <p>The JSON object carries {@value #VERSION_FIELD}; a reader accepts older versions through
 * upcasters registered per version, and newer ones as long as the fields it needs are there
 * (additive changes never break a consumer). Unknown fields are ignored; missing required fields
 * raise a {@link SchemaException} that names them all.
 */
public final class EventSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

  public static final String VERSION_FIELD = "schema_version";

  private final Class<T> type;
  private final int version;
  private final Map<Integer, UnaryOperator<ObjectNode>> upcasters;
  private final ObjectMapper mapper = JsonCodec.mapper();

  /**
   * @param upcasters for each old version v, a function rewriting a v document into v + 1
   */
  public EventSerde(Class<T> type, int version, Map<Integer, UnaryOperator<ObjectNode>> upcasters) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    this.version = version;
    this.upcasters = Map.copyOf(upcasters);
  }

  public EventSerde(Class<T> type, int version) {
    this(type, version, Map.of());
  }

  public Class<T> type() {
    return type;
  }

  public int version() {
    return version;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    ObjectNode node = mapper.valueToTree(data);
    node.put(VERSION_FIELD, version);
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new SchemaException("cannot write " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    byte[] bytes = serialize(topic, data);
    if (headers != null && bytes != null) {
      headers.remove(HeaderNames.SCHEMA);
      headers.add(HeaderNames.SCHEMA, HeaderNames.schemaValue(type.getSimpleName(), version));
    }
    return bytes;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return read(data);
  }

  /** Reads one document; the {@link SchemaException} message is fit for a dead-letter header. */
  public T read(byte[] data) {
    JsonNode tree;
    try {
      tree = mapper.readTree(data);
    } catch (JsonProcessingException e) {
      throw new SchemaException(
          type.getSimpleName() + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new SchemaException(type.getSimpleName() + ": unreadable (" + e.getMessage() + ")", e);
    }
    if (tree == null || !tree.isObject()) {
      throw new SchemaException(type.getSimpleName() + ": expected a JSON object");
    }
    ObjectNode node = upcast((ObjectNode) tree);
    List<String> missing = RequiredFields.missing(type, node);
    if (!missing.isEmpty()) {
      throw new SchemaException(
          type.getSimpleName() + ": missing required field(s): " + String.join(", ", missing));
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new SchemaException(
          type.getSimpleName() + ": " + e.getOriginalMessage() + " at " + pathOf(e), e);
    } catch (IllegalArgumentException e) {
      throw new SchemaException(type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Reads a JSON string (tests, CLIs). */
  public T read(String json) {
    return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private ObjectNode upcast(ObjectNode node) {
    JsonNode v = node.get(VERSION_FIELD);
    int docVersion = v != null && v.canConvertToInt() ? v.intValue() : 1;
    while (docVersion < version) {
      UnaryOperator<ObjectNode> step = upcasters.get(docVersion);
      if (step != null) {
        node = step.apply(node);
      }
      docVersion++;
    }
    node.remove(VERSION_FIELD);
    return node;
  }

  private static String pathOf(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
      StringBuilder sb = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          if (!sb.isEmpty()) {
            sb.append('.');
          }
          sb.append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          sb.append('[').append(ref.getIndex()).append(']');
        }
      }
      return sb.isEmpty() ? "(root)" : sb.toString();
    }
    return "(root)";
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
