package com.finpulse.alerts.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoisonRecordHandlerTest {

  @TempDir Path dir;

  @Test
  void anUnreadableTrendGoesToTheDeadLetterTopicWithTheReason() {
    DetectionSettings settings = DetectorHarness.defaults();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "poison-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        PoisonRecordHandler.class.getName());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            DetectionTopology.build(
                settings, ThresholdProfiles.fixed(settings.defaultProfile()), DetectorMetrics.NONE),
            props)) {
      var in =
          driver.createInputTopic(
              Topics.SENTIMENT_TRENDS, new StringSerializer(), new ByteArraySerializer());
      in.pipeInput("topic:x:1m", "{\"key\": \"x\"}".getBytes(StandardCharsets.UTF_8));
      var dlq =
          driver.createOutputTopic(
              Topics.NEWS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      TestRecord<byte[], byte[]> r = dlq.readRecord();
      assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"key\": \"x\"}");
      assertThat(header(r, HeaderNames.DLQ_STAGE)).isEqualTo("alerts");
      assertThat(header(r, HeaderNames.DLQ_ERROR))
          .contains("TrendPoint")
          .contains("missing required");
      assertThat(header(r, HeaderNames.DLQ_ORIGIN)).startsWith(Topics.SENTIMENT_TRENDS + "-0@");
    }
  }

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
