package com.finpulse.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StopSignalTest {

  @Test
  void aFailedServiceIsClosedOnceAndEndsTheLoop() throws Exception {
    AtomicInteger closes = new AtomicInteger();
    AtomicInteger ticks = new AtomicInteger();
    StopSignal stop = StopSignal.install("test-stop", closes::incrementAndGet);
    StopSignal.Ending end =
        stop.runUntilStopped(Duration.ofMillis(5), () -> ticks.get() < 3, ticks::incrementAndGet);
    assertThat(end).isEqualTo(StopSignal.Ending.FAILED);
    assertThat(ticks).hasValue(3);
    assertThat(closes).hasValue(1);
    stop.closeNow();
    assertThat(closes).hasValue(1);
    assertThat(stop.await(Duration.ZERO)).isTrue();
  }

  @Test
  void closingEndsAWaitingLoopAsStopped() throws Exception {
    AtomicInteger closes = new AtomicInteger();
    StopSignal stop = StopSignal.install("test-stop", closes::incrementAndGet);
    Thread.ofPlatform().start(stop::closeNow);
    assertThat(stop.runUntilStopped(Duration.ofSeconds(30), () -> true, () -> {}))
        .isEqualTo(StopSignal.Ending.STOPPED);
    assertThat(closes).hasValue(1);
  }

  @Test
  void durationsReadAsInTheYamlFiles() {
    CliArgs args =
        CliArgs.parse(new String[] {"--every", "250ms", "--bad", "5 minutes"}, java.util.Set.of());
    assertThat(args.duration("every", "10s")).isEqualTo(Duration.ofMillis(250));
    assertThat(args.duration("absent", "10s")).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> args.duration("bad", "10s"))
        .isInstanceOf(UsageException.class)
        .hasMessageEndingWith(", got '5 minutes'");
  }
}
