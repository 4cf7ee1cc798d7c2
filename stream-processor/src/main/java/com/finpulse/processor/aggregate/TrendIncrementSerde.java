package com.finpulse.processor.aggregate;

import com.finpulse.common.event.Sentiment;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link TrendIncrement}: sentiment ordinal, score, window count, then per window
 * the story and negative-story deltas. Only needed should Kafka Streams ever have to repartition
 * the grouped increments; today they stay in the task that counted them.
 */
public final class TrendIncrementSerde
    implements Serde<TrendIncrement>, Serializer<TrendIncrement>, Deserializer<TrendIncrement> {

  private static final Sentiment[] SENTIMENTS = Sentiment.values();

  @Override
  public byte[] serialize(String topic, TrendIncrement c) {
    if (c == null) {
      return null;
    }
    int n = c.storyDeltas().length;
    ByteBuffer buf = ByteBuffer.allocate(1 + 8 + 1 + n * 8);
    buf.put((byte) c.sentiment().ordinal()).putDouble(c.score()).put((byte) n);
    for (int i = 0; i < n; i++) {
      buf.putInt(c.storyDeltas()[i]).putInt(c.negativeStoryDeltas()[i]);
    }
    return buf.array();
  }

  @Override
  public TrendIncrement deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < 10
        || data[0] < 0
        || data[0] >= SENTIMENTS.length
        || data.length != 10 + data[9] * 8) {
      throw new SerializationException("not a trend increment (" + data.length + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    Sentiment s = SENTIMENTS[buf.get()];
    double score = buf.getDouble();
    int n = buf.get();
    int[] stories = new int[n];
    int[] negative = new int[n];
    for (int i = 0; i < n; i++) {
      stories[i] = buf.getInt();
      negative[i] = buf.getInt();
    }
    return new TrendIncrement(s, score, stories, negative);
  }

  @Override
  public Serializer<TrendIncrement> serializer() {
    return this;
  }

  @Override
  public Deserializer<TrendIncrement> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
