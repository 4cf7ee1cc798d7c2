package com.finpulse.processor.aggregate;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Binary form of {@link TrendAggregate} in the window stores and their changelogs. */
public final class TrendAggregateSerde
    implements Serde<TrendAggregate>, Serializer<TrendAggregate>, Deserializer<TrendAggregate> {

  private static final byte VERSION = 1;

  @Override
  public byte[] serialize(String topic, TrendAggregate a) {
    if (a == null) {
      return null;
    }
    ByteBuffer buf =
        ByteBuffer.allocate(
            1 + 8 * 4 + a.stories.serializedSize() + a.negativeStories.serializedSize());
    buf.put(VERSION).putLong(a.negative).putLong(a.neutral).putLong(a.positive);
    buf.putDouble(a.scoreSum);
    a.stories.writeTo(buf);
    a.negativeStories.writeTo(buf);
    return buf.array();
  }

  @Override
  public TrendAggregate deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(data);
      byte version = buf.get();
      if (version != VERSION) {
        throw new SerializationException("unknown trend aggregate version " + version);
      }
      long negative = buf.getLong();
      long neutral = buf.getLong();
      long positive = buf.getLong();
      double scoreSum = buf.getDouble();
      StoryClusters stories = StoryClusters.readFrom(buf);
      StoryClusters negativeStories = StoryClusters.readFrom(buf);
      return new TrendAggregate(negative, neutral, positive, scoreSum, stories, negativeStories);
    } catch (RuntimeException e) {
      throw new SerializationException("corrupt trend aggregate: " + e, e);
    }
  }

  @Override
  public Serializer<TrendAggregate> serializer() {
    return this;
  }

  @Override
  public Deserializer<TrendAggregate> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
