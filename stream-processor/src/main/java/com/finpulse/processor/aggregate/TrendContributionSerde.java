package com.finpulse.processor.aggregate;

import com.finpulse.common.event.Sentiment;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Fixed 17-byte form of {@link TrendContribution}: sentiment ordinal, score, fingerprint. */
public final class TrendContributionSerde
    implements Serde<TrendContribution>,
        Serializer<TrendContribution>,
        Deserializer<TrendContribution> {

  private static final int SIZE = 1 + 8 + 8;
  private static final Sentiment[] SENTIMENTS = Sentiment.values();

  @Override
  public byte[] serialize(String topic, TrendContribution c) {
    if (c == null) {
      return null;
    }
    return ByteBuffer.allocate(SIZE)
        .put((byte) c.sentiment().ordinal())
        .putDouble(c.score())
        .putLong(c.fingerprint())
        .array();
  }

  @Override
  public TrendContribution deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length != SIZE || data[0] < 0 || data[0] >= SENTIMENTS.length) {
      throw new SerializationException("not a trend contribution (" + data.length + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    return new TrendContribution(SENTIMENTS[buf.get()], buf.getDouble(), buf.getLong());
  }

  @Override
  public Serializer<TrendContribution> serializer() {
    return this;
  }

  @Override
  public Deserializer<TrendContribution> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
