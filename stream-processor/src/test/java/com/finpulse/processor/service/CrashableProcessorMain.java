package com.finpulse.processor.service;

import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.metrics.MetricsSettings;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.config.TrendSettings;
import com.finpulse.processor.sink.SinkObserver;
import com.finpulse.processor.testing.DeterministicClassifier;
import com.finpulse.processor.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor in a child JVM for {@link ProcessorCrashIT}: the full service with a slow
 * deterministic model that announces each model call on stdout, so the test can kill -9 it at a
 * chosen point. Test code only.
 *
 * <p>Arguments: bootstrap servers, InfluxDB URL, service state directory, application id.
 */
public final class CrashableProcessorMain {

  static final String CALL_START = "MODEL-CALL-START";
  static final String CALL_END = "MODEL-CALL-END";
  static final String RUNNING = "PROCESSOR-RUNNING";
  static final Duration MODEL_CALL = Duration.ofMillis(120);
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
  static final List<TrendWindow> WINDOWS =
      List.of(TrendWindow.ONE_MINUTE, TrendWindow.FIVE_MINUTES, TrendWindow.ONE_HOUR);

  private CrashableProcessorMain() {}

  static ProcessorConfig config(String bootstrap, String influxUrl, String applicationId) {
    ProcessorConfig shipped = TestConfigs.against(bootstrap, influxUrl);
    return shipped
        // A long commit interval widens the window in which a crash leaves work uncommitted: only
        // exactly-once makes that harmless (at-least-once double-counts trends here).
        .withStreams(
            shipped
                .streams()
                .withApplicationId(applicationId)
                .withThreads(2)
                .withCommitInterval(COMMIT_INTERVAL))
        .withScoring(TestConfigs.scoring(16, Duration.ofMillis(50), 64))
        .withTrends(new TrendSettings(WINDOWS, Duration.ofHours(2)))
        .withMetrics(new MetricsSettings(false, false, Duration.ofSeconds(10)));
  }

  public static void main(String[] args) throws Exception {
    ProcessorConfig config = config(args[0], args[1], args[3]);
    AtomicInteger calls = new AtomicInteger();
    DeterministicClassifier model =
        new DeterministicClassifier()
            .withDelay(MODEL_CALL, Duration.ZERO)
            .onCall(
                n -> say(CALL_START + " " + calls.incrementAndGet() + " " + n),
                n -> say(CALL_END + " " + calls.get() + " " + n));
    ProcessorService service =
        new ProcessorService(
            config, model, new SimpleMeterRegistry(), Path.of(args[2]), SinkObserver.NONE);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    service.start();
    while (service.streamsState() != KafkaStreams.State.RUNNING) {
      Thread.sleep(20);
    }
    say(RUNNING);
    Thread.currentThread().join();
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
