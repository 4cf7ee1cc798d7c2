package com.finpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.embedded.junit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hanging-transaction check against a real broker: it reads every partition and the
 * coordinator's transactions, and leaves alone what is committed or still in flight. (A real
 * hanging transaction comes only from Kafka losing a marker in a crashed restart; the decision on
 * one is {@link HangingTransactionsTest}'s.)
 */
class HangingTransactionsIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final TopicPartition PARTITION = new TopicPartition("txn-check", 0);

  @Test
  void committedAndOngoingTransactionsAreNotHanging() throws Exception {
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    try (Admin admin = Admin.create(a);
        KafkaProducer<String, String> committed = producer("committed");
        KafkaProducer<String, String> ongoing = producer("ongoing")) {
      admin.createTopics(List.of(new NewTopic(PARTITION.topic(), 1, (short) 1))).all().get();
      committed.initTransactions();
      committed.beginTransaction();
      committed.send(new ProducerRecord<>(PARTITION.topic(), "k", "done")).get();
      committed.commitTransaction();
      ongoing.initTransactions();
      ongoing.beginTransaction();
      long open = ongoing.send(new ProducerRecord<>(PARTITION.topic(), "k", "open")).get().offset();

      List<HangingTransactions.Hanging> aborted =
          HangingTransactions.abortAll(admin, Duration.ofSeconds(5), Duration.ofSeconds(10));

      assertThat(aborted).isEmpty();
      // the open transaction still holds the last stable offset: nothing was aborted
      assertThat(lastStableOffset(admin)).isEqualTo(open);
      ongoing.commitTransaction();
      // the commit's markers are written after commitTransaction returns
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (lastStableOffset(admin) <= open && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(lastStableOffset(admin)).isGreaterThan(open);
    }
  }

  private static long lastStableOffset(Admin admin) throws Exception {
    return admin
        .listOffsets(
            Map.of(PARTITION, OffsetSpec.latest()),
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .partitionResult(PARTITION)
        .get(10, TimeUnit.SECONDS)
        .offset();
  }

  private static KafkaProducer<String, String> producer(String transactionalId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }
}
