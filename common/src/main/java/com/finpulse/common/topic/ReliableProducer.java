package com.finpulse.common.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer of the services' own low-volume records (notification outcomes, corrections, model
 * changes): idempotent, acknowledged by all in-sync replicas, retried for up to ten minutes, string
 * keys and serialized event values.
 */
public final class ReliableProducer {

  private ReliableProducer() {}

  public static Producer<String, byte[]> create(Map<String, Object> kafkaClient, String clientId) {
    return new KafkaProducer<>(properties(kafkaClient, clientId));
  }

  /**
   * A transactional producer for records that must be acknowledged before the caller acts (and that
   * a successor must be able to fence): {@code initTransactions()} of another producer with the
   * same {@code transactionalId} makes this one's next transaction fail. Calls block at most {@code
   * blockAtMost}, and a record is given up after three times that, so a caller waiting on a commit
   * notices an unreachable broker in seconds rather than minutes. Not initialized: the caller calls
   * {@code initTransactions()}.
   */
  public static Producer<String, byte[]> transactional(
      Map<String, Object> kafkaClient,
      String clientId,
      String transactionalId,
      Duration blockAtMost) {
    Map<String, Object> p = properties(kafkaClient, clientId);
    int block = (int) blockAtMost.toMillis();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, block);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, block);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * block);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 6 * block);
    return new KafkaProducer<>(p);
  }

  private static Map<String, Object> properties(Map<String, Object> kafkaClient, String clientId) {
    Map<String, Object> p = new HashMap<>(kafkaClient);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
