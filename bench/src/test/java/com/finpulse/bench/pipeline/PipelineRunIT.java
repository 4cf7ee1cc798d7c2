package com.finpulse.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.embedded.InfluxdServer;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.text.TargetedText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness end to end with a classifier double that takes a fixed time per text (the
 * real model is measured by {@code ./finpulse bench pipeline}); checks the figures it prints.
 */
class PipelineRunIT {

  /** 2 ms per text: slow enough that the model, not Kafka, dominates, as with a real model. */
  static final class SlowDouble implements Classifier {
    @Override
    public List<Prediction> classify(List<String> texts) {
      try {
        Thread.sleep(2L * texts.size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return texts.stream()
          .map(
              t ->
                  new Prediction(
                      new SentimentScores(0.2, 0.5, 0.3), "general", Map.of("general", 1.0)))
          .toList();
    }

    @Override
    public List<SentimentScores> classifyTargets(List<TargetedText> items) {
      return items.stream().map(t -> new SentimentScores(0.2, 0.5, 0.3)).toList();
    }

    @Override
    public boolean targeted() {
      return false;
    }

    @Override
    public boolean onGpu() {
      return false;
    }

    @Override
    public String modelId() {
      return "slow-double";
    }

    @Override
    public List<String> topicLabels() {
      return List.of("general");
    }

    @Override
    public void close() {}
  }

  @Test
  void measuresThroughputBatchSizeLatencyAndTheRatio(@TempDir Path work) throws Exception {
    assertThat(InfluxdServer.findBinary())
        .describedAs("influxd must be installed: " + InfluxdServer.INSTALL_HINT)
        .isPresent();
    List<Headline> headlines =
        List.of(
            new Headline("ACME", "Acme beats estimates"), new Headline("GLBX", "Globex slumps"));
    PipelineRun.Result r =
        new PipelineRun(
                new SlowDouble(),
                headlines,
                new PipelineRun.Options(
                    400,
                    64,
                    60,
                    2,
                    1,
                    32,
                    java.time.Duration.ofMillis(Long.getLong("bench.commit", 100)),
                    work),
                System.err)
            .run();
    assertThat(r.pipelinePerSecond()).isPositive();
    assertThat(r.modelPerSecond()).isPositive();
    assertThat(r.meanBatchSize()).isBetween(1.0, 32.0);
    assertThat(r.p50Millis()).isPositive().isLessThanOrEqualTo(r.p99Millis());

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PipelineBenchmark.print(
        r, "slow-double", "CPU", 2, 1, 32, new PrintStream(buf, true, StandardCharsets.UTF_8));
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    System.err.println(String.join("\n", lines));
    assertThat(lines.get(0)).startsWith("model: slow-double on the CPU; 2 partitions");
    assertThat(lines.get(lines.size() - 1)).startsWith("ratio pipeline / model-only throughput: ");
  }
}
