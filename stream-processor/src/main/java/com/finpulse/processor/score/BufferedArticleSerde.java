package com.finpulse.processor.score;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link BufferedArticle} in the buffer store and its changelog: a version byte, the
 * timestamp, then origin, key and value as length-prefixed bytes (-1 for an absent key).
 */
public final class BufferedArticleSerde
    implements Serde<BufferedArticle>, Serializer<BufferedArticle>, Deserializer<BufferedArticle> {

  private static final byte VERSION = 1;

  @Override
  public byte[] serialize(String topic, BufferedArticle a) {
    if (a == null) {
      return null;
    }
    byte[] origin = a.origin().getBytes(StandardCharsets.UTF_8);
    int keyLength = a.rawKey() == null ? 0 : a.rawKey().length;
    ByteBuffer buf =
        ByteBuffer.allocate(1 + 8 + 4 + origin.length + 4 + keyLength + 4 + a.rawValue().length);
    buf.put(VERSION).putLong(a.timestamp());
    buf.putInt(origin.length).put(origin);
    if (a.rawKey() == null) {
      buf.putInt(-1);
    } else {
      buf.putInt(keyLength).put(a.rawKey());
    }
    buf.putInt(a.rawValue().length).put(a.rawValue());
    return buf.array();
  }

  @Override
  public BufferedArticle deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(data);
      byte version = buf.get();
      if (version != VERSION) {
        throw new SerializationException("unknown scoring-buffer entry version " + version);
      }
      long timestamp = buf.getLong();
      String origin = new String(bytes(buf, buf.getInt()), StandardCharsets.UTF_8);
      int keyLength = buf.getInt();
      byte[] key = keyLength < 0 ? null : bytes(buf, keyLength);
      byte[] value = bytes(buf, buf.getInt());
      return new BufferedArticle(timestamp, origin, key, value);
    } catch (RuntimeException e) {
      throw new SerializationException("corrupt scoring-buffer entry: " + e, e);
    }
  }

  private static byte[] bytes(ByteBuffer buf, int n) {
    byte[] out = new byte[n];
    buf.get(out);
    return out;
  }

  @Override
  public Serializer<BufferedArticle> serializer() {
    return this;
  }

  @Override
  public Deserializer<BufferedArticle> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
