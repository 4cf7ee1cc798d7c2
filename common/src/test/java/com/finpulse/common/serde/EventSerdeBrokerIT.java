package com.finpulse.common.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.topic.TopicProvisioner;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A record written with the serde crosses a real broker and is read back intact. */
class EventSerdeBrokerIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void newsArticleSurvivesTheBroker() throws Exception {
    var created =
        TopicProvisioner.ensure(
            Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
            Topics.all(3, (short) 1),
            Duration.ofSeconds(30));
    assertThat(created).contains(Topics.NEWS_RAW, Topics.ALERTS);
    // Idempotent: a second call finds them all.
    assertThat(
            TopicProvisioner.ensure(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                Topics.all(3, (short) 1),
                Duration.ofSeconds(30)))
        .isEmpty();

    NewsArticle sent = EventSerdeTest.article();
    try (var producer =
        new KafkaProducer<>(
            KAFKA.producerConfig(), new StringSerializer(), EventSerdes.newsArticle())) {
      producer.send(new ProducerRecord<>(Topics.NEWS_RAW, sent.id(), sent)).get();
    }

    List<ConsumerRecord<String, NewsArticle>> received = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            KAFKA.consumerConfig("serde-it"),
            new StringDeserializer(),
            EventSerdes.newsArticle())) {
      consumer.subscribe(List.of(Topics.NEWS_RAW));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    assertThat(received).hasSize(1);
    assertThat(received.get(0).key()).isEqualTo(sent.id());
    assertThat(received.get(0).value()).isEqualTo(sent);
    assertThat(
            new String(
                received.get(0).headers().lastHeader(HeaderNames.SCHEMA).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("NewsArticle/1");
  }
}
