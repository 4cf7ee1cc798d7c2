package com.finpulse.bench.pipeline;

import com.finpulse.bench.Benchmark;
import com.finpulse.bench.WorkDirs;
import com.finpulse.bench.pipeline.BenchHeadlines.Headline;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.config.ConfigFiles;
import com.finpulse.common.config.ConfigLoader;
import com.finpulse.model.serve.Classifier;
import com.finpulse.processor.config.ProcessorConfig;
import com.finpulse.processor.service.ProcessorServiceProvider;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./finpulse bench pipeline}: real headlines through an embedded Kafka broker, the stream
 * processor with the configured model, and a real influxd; compared with the same model scoring the
 * same texts alone. The last line is pipeline throughput / model-only throughput (target >= 0.85:
 * the pipeline around the model may cost at most 15%).
 */
public final class PipelineBenchmark implements Benchmark {

  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public String summary() {
    return "headlines through Kafka, the processor and InfluxDB vs the model alone";
  }

  static String usage() {
    return """
        Usage: ./finpulse bench pipeline [options]

          --articles N          headlines pushed through as a backlog (default 2000)
          --warmup N|auto       headlines pushed through before measuring; auto (default) repeats
                                rounds of 2000 until JIT compilation of the broker and the
                                processor takes under 3% of the CPU (at most 8 minutes)
          --latency-articles N  headlines of the latency phase, sent at half the measured
                                throughput (default: min(500, articles / 2))
          --data FILE           headline CSV (default: the Benzinga sample in the shared data dir)
          --partitions N        partitions of the topics (default 3)
          --threads N           stream threads (default 1)
          --batch N             most articles per model call (default: processor.yml)
          --commit-interval MS  Kafka Streams commit interval in ms (default: processor.yml)
          --config FILE         processor.yml overrides (model_dir, ...)
        """;
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs args = CliArgs.parse(argv, Set.of("help"));
    if (args.flag("help")) {
      out.print(usage());
      return 0;
    }
    int articles = args.intValue("articles", 2000);
    String warmUpArg = args.get("warmup", "auto");
    int warmUp;
    try {
      warmUp =
          warmUpArg.equals("auto")
              ? PipelineRun.WARM_UP_UNTIL_JIT_SETTLES
              : Integer.parseInt(warmUpArg);
    } catch (NumberFormatException e) {
      throw new UsageException("--warmup must be a number of articles or auto, got " + warmUpArg);
    }
    int latencyArticles = args.intValue("latency-articles", Math.min(500, articles / 2));
    Path data = args.path("data");
    int partitions = args.intValue("partitions", 3);
    int threads = args.intValue("threads", 1);
    Path configFile = args.path("config");
    ProcessorConfig config =
        ConfigLoader.fromEnvironment()
            .load(
                ProcessorConfig.class,
                ProcessorConfig.FILE_NAME,
                ConfigFiles.locate(ProcessorConfig.FILE_NAME, configFile, System.getenv()));
    int batchArg = args.intValue("batch", 0);
    int commitMillis = args.intValue("commit-interval", -1);
    args.rejectUnknown();
    if (articles < 1
        || (warmUp < 0 && warmUp != PipelineRun.WARM_UP_UNTIL_JIT_SETTLES)
        || latencyArticles < 1
        || partitions < 1
        || threads < 1
        || batchArg < 0) {
      throw new UsageException("counts must be at least 1");
    }

    List<Headline> headlines =
        BenchHeadlines.read(data != null ? data : BenchHeadlines.defaultFile());
    err.printf(
        "Loading the model from %s%n",
        ProcessorServiceProvider.modelDir(config.scoring().modelDir()));
    Classifier model = classifier(config);
    // the processor's own limits for the device the model landed on, unless --batch says otherwise
    int batch =
        batchArg > 0 ? batchArg : config.scoring().modelCallLimits(model.onGpu()).maxArticles();
    Path work = Files.createTempDirectory("finpulse-bench-pipeline");
    try {
      PipelineRun.Result r =
          new PipelineRun(
                  model,
                  headlines,
                  new PipelineRun.Options(
                      articles,
                      warmUp,
                      latencyArticles,
                      partitions,
                      threads,
                      batch,
                      commitMillis < 0 ? null : Duration.ofMillis(commitMillis),
                      work),
                  err)
              .run();
      print(r, model.modelId(), model.onGpu() ? "GPU" : "CPU", partitions, threads, batch, out);
      return 0;
    } finally {
      model.close();
      WorkDirs.deleteRecursively(work);
    }
  }

  /**
   * The model the benchmark measures: the same one the processor service loads. The single place to
   * change to benchmark another {@link Classifier}.
   */
  static Classifier classifier(ProcessorConfig config) {
    return ProcessorServiceProvider.classifier(config);
  }

  static void print(
      PipelineRun.Result r,
      String modelId,
      String device,
      int partitions,
      int threads,
      int batch,
      PrintStream out) {
    out.printf(
        Locale.ROOT,
        "model: %s on the %s; %d partitions, %d stream thread(s), at most %d articles per model"
            + " call%n",
        modelId,
        device,
        partitions,
        threads,
        batch);
    PipelineRun.WarmUp w = r.warmUp();
    out.printf(
        Locale.ROOT,
        "warm-up: %d articles in %.0f s%s%n",
        w.articles(),
        w.seconds(),
        Double.isNaN(w.jitShare())
            ? ""
            : String.format(
                Locale.ROOT,
                ", JIT compilation at %.1f%% of the CPU at its end",
                100 * w.jitShare()));
    out.printf(
        Locale.ROOT,
        "pipeline: %d articles in %.2f s = %.1f articles/s (produce -> scored -> InfluxDB point)%n",
        r.articles(),
        r.pipelineSeconds(),
        r.pipelinePerSecond());
    out.printf(
        Locale.ROOT,
        "mean batch size: %.1f articles per model call (%d calls)%n",
        r.meanBatchSize(),
        r.modelCalls());
    out.printf(
        Locale.ROOT,
        "latency produce -> InfluxDB point at %.1f articles/s: p50 %.0f ms, p99 %.0f ms (%d articles)%n",
        r.latencyRate(),
        r.p50Millis(),
        r.p99Millis(),
        r.latencyArticles());
    out.printf(
        Locale.ROOT,
        "model alone: %d articles in %.2f s = %.1f articles/s (same texts, batches of %d)%n",
        r.articles(),
        r.modelSeconds(),
        r.modelPerSecond(),
        batch);
    out.printf(
        Locale.ROOT, "ratio pipeline / model-only throughput: %.3f (target >= 0.85)%n", r.ratio());
  }
}
