package com.finpulse.processor.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;

/**
 * Micro-batching of articles through the model.
 *
 * @param modelDir the trained model to load; relative paths resolve against the FinPulse home
 * @param registryDir the model registry: one model directory per version ({@code
 *     <registry_dir>/<version>/model.json}), which {@code models.serving} names; relative paths
 *     resolve against the FinPulse home. The version {@code default} is {@code model_dir}
 * @param maxBatchSize most articles in one model call; a task also hands its buffer to the model as
 *     soon as it holds this many
 * @param maxDelay longest an article waits in a task's buffer before a partial batch goes out
 * @param tokenBudget most padded tokens in one model call (articles x longest article, estimated at
 *     4 characters a token, at most 512 per article): bounds the memory of a call on long texts
 * @param maxBuffered articles a task may hold (waiting plus inside the model) before its stream
 *     thread waits for results: back-pressure instead of an ever-growing buffer
 * @param backpressureWait longest one such wait; short, so that a transaction never stays open near
 *     its timeout
 * @param gpuMaxBatchSize on a GPU, most articles the inference worker merges into one model call
 *     (and the model's forward size): a GPU forward is launch-bound below about a thousand
 *     headlines, so the CPU's {@code max_batch_size} would waste the card
 * @param gpuTokenBudget on a GPU, most padded tokens in one model call
 */
public record ScoringSettings(
    String modelDir,
    String registryDir,
    int maxBatchSize,
    Duration maxDelay,
    int tokenBudget,
    int maxBuffered,
    Duration backpressureWait,
    int gpuMaxBatchSize,
    int gpuTokenBudget)
    implements Validated {

  /** What one model call may hold: articles and padded tokens. */
  public record ModelCallLimits(int maxArticles, int tokenBudget) {}

  /** The limits of a model call on the device the model runs on. */
  public ModelCallLimits modelCallLimits(boolean gpu) {
    return gpu
        ? new ModelCallLimits(gpuMaxBatchSize, gpuTokenBudget)
        : new ModelCallLimits(maxBatchSize, tokenBudget);
  }

  public ScoringSettings withModelDir(String dir) {
    return withDirs(dir, registryDir);
  }

  public ScoringSettings withRegistryDir(String dir) {
    return withDirs(modelDir, dir);
  }

  private ScoringSettings withDirs(String model, String registry) {
    return new ScoringSettings(
        model,
        registry,
        maxBatchSize,
        maxDelay,
        tokenBudget,
        maxBuffered,
        backpressureWait,
        gpuMaxBatchSize,
        gpuTokenBudget);
  }

  @Override
  public void validate(Validation v) {
    v.notBlank(modelDir, "model_dir");
    v.notBlank(registryDir, "registry_dir");
    v.range(maxBatchSize, 1, 4096, "max_batch_size");
    v.check(
        maxDelay != null && !maxDelay.isNegative() && maxDelay.toMillis() <= 60_000,
        "max_delay",
        "must be between 0ms and 60s");
    v.check(
        tokenBudget >= 512,
        "token_budget",
        "must be at least 512 (one article of the longest length), got " + tokenBudget);
    v.check(
        maxBuffered >= 2 * maxBatchSize,
        "max_buffered",
        "must be at least twice max_batch_size ("
            + 2 * maxBatchSize
            + "), so a batch can fill while another is scored; got "
            + maxBuffered);
    v.check(
        backpressureWait != null
            && backpressureWait.toMillis() >= 1
            && backpressureWait.toMillis() <= 2_000,
        "backpressure_wait",
        "must be between 1ms and 2s (a stream thread's transaction stays open while it waits)");
    v.range(gpuMaxBatchSize, 1, 16_384, "gpu_max_batch_size");
    v.check(
        gpuTokenBudget >= 512,
        "gpu_token_budget",
        "must be at least 512 (one article of the longest length), got " + gpuTokenBudget);
  }
}
