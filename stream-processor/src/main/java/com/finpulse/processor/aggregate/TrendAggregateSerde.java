package com.finpulse.processor.aggregate;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link TrendAggregate} in the window stores and their changelogs: a version byte
 * and six fixed fields (49 bytes). Version 1 aggregates, which embedded the story clusters
 * themselves, are still read (their story counts kept), so an upgrade resumes open windows.
 */
public final class TrendAggregateSerde
    implements Serde<TrendAggregate>, Serializer<TrendAggregate>, Deserializer<TrendAggregate> {

  private static final byte LEGACY_WITH_CLUSTERS = 1;
  private static final byte VERSION = 2;

  @Override
  public byte[] serialize(String topic, TrendAggregate a) {
    if (a == null) {
      return null;
    }
    return ByteBuffer.allocate(1 + 8 * 6)
        .put(VERSION)
        .putLong(a.negative)
        .putLong(a.neutral)
        .putLong(a.positive)
        .putDouble(a.scoreSum)
        .putLong(a.stories)
        .putLong(a.negativeStories)
        .array();
  }

  @Override
  public TrendAggregate deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(data);
      byte version = buf.get();
      if (version != VERSION && version != LEGACY_WITH_CLUSTERS) {
        throw new SerializationException("unknown trend aggregate version " + version);
      }
      long negative = buf.getLong();
      long neutral = buf.getLong();
      long positive = buf.getLong();
      double scoreSum = buf.getDouble();
      long stories;
      long negativeStories;
      if (version == VERSION) {
        stories = buf.getLong();
        negativeStories = buf.getLong();
      } else {
        stories = StoryClusters.skipLegacy(buf);
        negativeStories = StoryClusters.skipLegacy(buf);
      }
      if (buf.hasRemaining()) {
        throw new SerializationException(buf.remaining() + " bytes after the aggregate");
      }
      return new TrendAggregate(negative, neutral, positive, scoreSum, stories, negativeStories);
    } catch (RuntimeException e) {
      throw e instanceof SerializationException se
          ? se
          : new SerializationException("corrupt trend aggregate: " + e, e);
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
