package com.finpulse.app.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.app.up.InProcessServices.SourceStart;
import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.lifecycle.ServiceProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The start order of {@code up} after a crash: ingest must not wait for the processor's model load
 * and state restore (news waits safely in Kafka meanwhile), while the end-to-end tests can still
 * start the source once the consumers run.
 */
class InProcessServicesTest {

  /** What happened, in order, across the start threads. */
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  /** Released once the source has started; a consumer that waits for it learns whether it did. */
  private final CountDownLatch sourceStarted = new CountDownLatch(1);

  @Test
  void upStartsTheSourceWhileTheProcessorIsStillStarting() throws Exception {
    // The processor's start returns only once the source has started: if the source waited for
    // the consumers, the processor would give up and the start would fail.
    try (InProcessServices services = new InProcessServices()) {
      assertThat(services.start(pipeline(true), p -> null, UpCommand.SOURCE_START)).isTrue();
      assertThat(events).containsSubsequence("ingest: started", "processor: started");
      assertThat(services.running())
          .extracting(ManagedService::name)
          .containsExactly("alerts", "processor", "ingest");
    }
  }

  @Test
  void theSourceStartsOnceTheConsumersRunWhenAskedTo() throws Exception {
    try (InProcessServices services = new InProcessServices()) {
      assertThat(services.start(pipeline(false), p -> null, SourceStart.AFTER_CONSUMERS)).isTrue();
    }
    int sourceStarts = events.indexOf("ingest: starting");
    assertThat(sourceStarts).isGreaterThan(events.indexOf("alerts: started"));
    assertThat(sourceStarts).isGreaterThan(events.indexOf("processor: started"));
  }

  @Test
  void servicesStopInReverseStartOrderWhateverFinishedStartingFirst() throws Exception {
    InProcessServices services = new InProcessServices();
    services.start(pipeline(true), p -> null, SourceStart.WITH_CONSUMERS);
    events.clear();
    services.close();
    assertThat(events).containsExactly("ingest: closed", "processor: closed", "alerts: closed");
  }

  @Test
  void aFailedStartIsReportedAfterTheOthersOfItsWaveStarted() {
    Fake broken =
        new Fake("processor", 20, false) {
          @Override
          void onStart() {
            throw new IllegalStateException("no model");
          }
        };
    List<ServiceProvider> providers =
        List.of(new Fake("alerts", 10, false), broken, source("ingest", 30));
    InProcessServices services = new InProcessServices();
    assertThatThrownBy(() -> services.start(providers, p -> null, SourceStart.WITH_CONSUMERS))
        .hasMessage("no model");
    assertThat(events).contains("alerts: started", "ingest: started");
    services.close();
    assertThat(events).contains("ingest: closed", "processor: closed", "alerts: closed");
  }

  /** alerts, processor and ingest, in start order. */
  private List<ServiceProvider> pipeline(boolean processorWaitsForTheSource) {
    return List.of(
        new Fake("alerts", 10, false),
        new Fake("processor", 20, processorWaitsForTheSource),
        source("ingest", 30));
  }

  private Fake source(String name, int order) {
    return new Fake(name, order, false) {
      @Override
      void afterStart() {
        sourceStarted.countDown();
      }
    };
  }

  /** A provider and its service in one: records its start and close. */
  private class Fake implements ServiceProvider, ManagedService {

    private final String name;
    private final int order;
    private final boolean waitsForTheSource;

    Fake(String name, int order, boolean waitsForTheSource) {
      this.name = name;
      this.order = order;
      this.waitsForTheSource = waitsForTheSource;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int startOrder() {
      return order;
    }

    @Override
    public ManagedService create(ServiceContext context) {
      return this;
    }

    @Override
    public void start() throws Exception {
      events.add(name + ": starting");
      if (waitsForTheSource && !sourceStarted.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the source did not start while " + name + " started");
      }
      onStart();
      events.add(name + ": started");
      afterStart();
    }

    void onStart() {}

    void afterStart() {}

    @Override
    public boolean isIdle() {
      return true;
    }

    @Override
    public void close() {
      events.add(name + ": closed");
    }
  }
}
