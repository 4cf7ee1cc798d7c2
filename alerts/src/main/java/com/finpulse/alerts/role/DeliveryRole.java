package com.finpulse.alerts.role;

import com.finpulse.common.topic.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which alerts instance delivers, decided by Kafka's group membership: every instance joins the
 * consumer group {@code <application id>-delivery} on the one-partition topic {@link
 * Topics#ALERTS_DELIVERY}; the member assigned its partition is the one that delivers ({@link
 * DeliveryDuty#takeOver()}), the others stand by. The sticky assignor leaves the partition where it
 * is when an instance joins. When the delivering instance stops, it leaves the group and another
 * takes over within a rebalance; when it dies, the coordinator notices after {@code
 * session_timeout} and gives the partition to a survivor. A delivering instance that is fenced (a
 * successor took over while it was paused) steps down and joins the group anew.
 */
public final class DeliveryRole implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRole.class);
  private static final TopicPartition LEASE = new TopicPartition(Topics.ALERTS_DELIVERY, 0);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final Map<String, Object> consumerConfig;
  private final DeliveryDuty duty;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean rejoin;
  private volatile boolean holding;
  private volatile boolean joined;

  /**
   * @param groupId the deployment's delivery group, the same for all its instances
   * @param instanceId this instance's stable member id, so a restart gets delivery back at once;
   *     null for a dynamic member
   * @param sessionTimeout how long a dead instance keeps delivery before another takes it
   */
  public DeliveryRole(
      Map<String, Object> kafkaClient,
      String groupId,
      @Nullable String instanceId,
      Duration sessionTimeout,
      DeliveryDuty duty) {
    Map<String, Object> c = new HashMap<>(kafkaClient);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "finpulse-alerts-delivery-role");
    c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    c.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.max(100, Math.min(3000, sessionTimeout.toMillis() / 4)));
    c.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    if (instanceId != null) {
      c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    }
    this.consumerConfig = Map.copyOf(c);
    this.duty = duty;
    this.thread = new Thread(this::run, "alerts-delivery-role");
    this.thread.setDaemon(true);
    duty.whenFenced(() -> rejoin = true);
  }

  /** Joins the group; from now on this instance delivers or stands by. */
  public void start() {
    thread.start();
  }

  /** Whether this instance is in the group and does not hold delivery: a settled standby. */
  public boolean standingBy() {
    return joined && !holding;
  }

  private void run() {
    while (running) {
      KafkaConsumer<byte[], byte[]> c = null;
      try {
        c = new KafkaConsumer<>(consumerConfig);
        c.subscribe(List.of(Topics.ALERTS_DELIVERY), new Listener());
        while (running && !rejoin) {
          c.poll(Duration.ofMillis(500));
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("Following the delivery group failed ({}); joining again", e.toString());
          rejoin = true;
        }
      } finally {
        release(running ? "joining the delivery group anew" : "this instance is stopping");
        joined = false;
        if (c != null) {
          try {
            // Leave at once, also as a static member: a standby takes over within a rebalance.
            c.close(
                CloseOptions.groupMembershipOperation(
                        CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(5)));
          } catch (RuntimeException e) {
            LOG.debug("Leaving the delivery group: {}", e.toString());
          }
        }
      }
      if (running && rejoin) {
        rejoin = false;
        sleep(RETRY);
      }
    }
  }

  private final class Listener implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      joined = true;
      if (!partitions.contains(LEASE)) {
        if (!holding) {
          LOG.info("Standing by: another alerts instance delivers notifications");
        }
        return;
      }
      holding = true;
      try {
        duty.takeOver();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn(
            "Could not take notification delivery up ({}); leaving it to the group",
            e.getMessage());
        holding = false;
        rejoin = true;
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.contains(LEASE)) {
        release("the delivery group gave delivery to another instance");
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (partitions.contains(LEASE)) {
        release(
            "this instance lost its place in the delivery group (no heartbeat within the session"
                + " timeout); another instance takes over");
      }
    }
  }

  private void release(String why) {
    holding = false;
    duty.stepDown(why);
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    duty.stepDown("this instance is stopping");
  }
}
