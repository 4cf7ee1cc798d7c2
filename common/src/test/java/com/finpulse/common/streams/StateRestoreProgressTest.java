package com.finpulse.common.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StateRestoreProgressTest {

  @Test
  void aRestoreShowsItsStartItsProgressEveryFewSecondsAndItsEnd() {
    List<String> lines = new ArrayList<>();
    AtomicLong now = new AtomicLong(0);
    StateRestoreProgress p = new StateRestoreProgress("processor", lines::add, now::get);
    TopicPartition a = new TopicPartition("app-store-changelog", 0);
    TopicPartition b = new TopicPartition("app-store-changelog", 1);

    p.onRestoreStart(a, "store", 0, 600);
    p.onRestoreStart(b, "store", 100, 500);
    assertThat(lines).containsExactly("processor: rebuilding local state from the changelogs");

    p.onBatchRestored(a, "store", 300, 300);
    assertThat(lines).hasSize(1); // not yet 3 s
    now.set(3_500_000_000L);
    p.onBatchRestored(a, "store", 600, 300);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .isEqualTo("processor: restoring state: 600 of ~1,000 records (60%), 4 s");

    p.onRestoreEnd(a, "store", 600);
    assertThat(lines).hasSize(2); // b still restoring
    p.onBatchRestored(b, "store", 500, 400);
    now.set(4_000_000_000L);
    p.onRestoreEnd(b, "store", 400);
    assertThat(lines)
        .last()
        .isEqualTo("processor: state restored: 1,000 records of 2 store partition(s) in 4.0 s");
  }
}
