package com.finpulse.bench.failover;

import com.finpulse.common.config.ConfigLoader;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.service.ProcessorService;
import com.finpulse.processor.sink.SinkObserver;
import com.finpulse.processor.testing.DeterministicClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The processor service as {@code ./finpulse process} runs it (same configuration files), but with
 * the deterministic classifier double: one instance in a child JVM of {@link ProcessorFailoverIT}.
 *
 * <p>Arguments: the processor.yml overrides, the state directory.
 */
public final class DoubleProcessorMain {

  private DoubleProcessorMain() {}

  public static void main(String[] args) throws Exception {
    ProcessorConfig config =
        ConfigLoader.fromEnvironment()
            .load(ProcessorConfig.class, ProcessorConfig.FILE_NAME, Path.of(args[0]));
    ProcessorService service =
        new ProcessorService(
            config,
            new DeterministicClassifier().withDelay(Duration.ofMillis(20), Duration.ofMillis(1)),
            new SimpleMeterRegistry(),
            Path.of(args[1]),
            SinkObserver.NONE);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    service.start();
    Thread.currentThread().join();
  }
}
