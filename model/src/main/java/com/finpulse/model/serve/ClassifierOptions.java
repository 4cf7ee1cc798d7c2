package com.finpulse.model.serve;

/**
 * How a {@link Classifier} runs.
 *
 * @param device {@code auto} (GPU when DJL finds one, else CPU), {@code cpu} or {@code gpu}
 * @param cpuThreads CPU threads for the model; 0 means one per core. PyTorch's thread count is
 *     engine-global: it applies to every model in the JVM
 * @param maxLength token limit per text (truncation); 0 uses the model's own (128 for the default)
 * @param tokenBudget on CPU, cap on batch size x longest text in the batch: bounds memory per
 *     forward
 * @param maxBatch on CPU, cap on texts per forward
 * @param gpuTokenBudget the same cap on a GPU, where a forward must be large to pay for its kernel
 *     launches (bge-small, fp16, H200: 32 texts per forward gave 1.8k headlines/s, 1,024 gave 60k)
 * @param gpuMaxBatch texts per forward on a GPU
 * @param gpuPrecision the encoder's precision on a GPU (float16 by default; CPU always runs
 *     float32)
 * @param fusedForward run inference through the fused TorchScript forward (oneDNN on CPU, cuBLAS
 *     and fused attention on a GPU) where it loads and agrees with the NDArray forward at load;
 *     false keeps the NDArray forward (for comparison)
 * @param maxConcurrentCalls calls allowed at the same time; further callers wait
 * @param cpuLanes on CPU, batches of one call that run side by side, each with {@code cpuThreads /
 *     cpuLanes} intra-op threads; 0 means one lane per thread (best throughput for a small
 *     encoder), 1 means one forward at a time over all threads (lowest latency for a single short
 *     text)
 */
public record ClassifierOptions(
    String device,
    int cpuThreads,
    int maxLength,
    int tokenBudget,
    int maxBatch,
    GpuPrecision gpuPrecision,
    int maxConcurrentCalls,
    int cpuLanes,
    boolean fusedForward,
    int gpuTokenBudget,
    int gpuMaxBatch) {

  public ClassifierOptions {
    java.util.Objects.requireNonNull(gpuPrecision, "gpuPrecision");
    if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, got " + device);
    }
    if (cpuThreads < 0
        || maxLength < 0
        || tokenBudget <= 0
        || maxBatch <= 0
        || gpuTokenBudget <= 0
        || gpuMaxBatch <= 0
        || maxConcurrentCalls <= 0
        || cpuLanes < 0) {
      throw new IllegalArgumentException("invalid classifier options " + this);
    }
  }

  public static ClassifierOptions defaults() {
    return new ClassifierOptions(
        "auto", 0, 0, 8192, 64, GpuPrecision.FLOAT16, 1, 0, true, 131_072, 1024);
  }

  public ClassifierOptions withDevice(String d) {
    Copy c = new Copy(this);
    c.device = d;
    return c.build();
  }

  public ClassifierOptions withCpuThreads(int n) {
    Copy c = new Copy(this);
    c.cpuThreads = n;
    return c.build();
  }

  /** Caps of one forward on CPU: padded tokens and texts. */
  public ClassifierOptions withTokenBudget(int tokens, int batch) {
    Copy c = new Copy(this);
    c.tokenBudget = tokens;
    c.maxBatch = batch;
    return c.build();
  }

  public ClassifierOptions withMaxConcurrentCalls(int n) {
    Copy c = new Copy(this);
    c.maxConcurrentCalls = n;
    return c.build();
  }

  public ClassifierOptions withCpuLanes(int n) {
    Copy c = new Copy(this);
    c.cpuLanes = n;
    return c.build();
  }

  public ClassifierOptions withGpuPrecision(GpuPrecision p) {
    Copy c = new Copy(this);
    c.gpuPrecision = p;
    return c.build();
  }

  public ClassifierOptions withFusedForward(boolean fused) {
    Copy c = new Copy(this);
    c.fusedForward = fused;
    return c.build();
  }

  /** Caps of one forward on a GPU: padded tokens and texts. */
  public ClassifierOptions withGpuBatch(int tokens, int batch) {
    Copy c = new Copy(this);
    c.gpuTokenBudget = tokens;
    c.gpuMaxBatch = batch;
    return c.build();
  }

  /** The withers' working copy: one place that lists the components in order. */
  private static final class Copy {
    private String device;
    private int cpuThreads;
    private final int maxLength;
    private int tokenBudget;
    private int maxBatch;
    private GpuPrecision gpuPrecision;
    private int maxConcurrentCalls;
    private int cpuLanes;
    private boolean fusedForward;
    private int gpuTokenBudget;
    private int gpuMaxBatch;

    private Copy(ClassifierOptions o) {
      device = o.device;
      cpuThreads = o.cpuThreads;
      maxLength = o.maxLength;
      tokenBudget = o.tokenBudget;
      maxBatch = o.maxBatch;
      gpuPrecision = o.gpuPrecision;
      maxConcurrentCalls = o.maxConcurrentCalls;
      cpuLanes = o.cpuLanes;
      fusedForward = o.fusedForward;
      gpuTokenBudget = o.gpuTokenBudget;
      gpuMaxBatch = o.gpuMaxBatch;
    }

    private ClassifierOptions build() {
      return new ClassifierOptions(
          device,
          cpuThreads,
          maxLength,
          tokenBudget,
          maxBatch,
          gpuPrecision,
          maxConcurrentCalls,
          cpuLanes,
          fusedForward,
          gpuTokenBudget,
          gpuMaxBatch);
    }
  }

  /** Threads the model may use on CPU: {@link #cpuThreads()}, or one per core. */
  public int cpuThreadsOrCores() {
    return cpuThreads > 0 ? cpuThreads : Runtime.getRuntime().availableProcessors();
  }

  /** Lanes on CPU for {@link #cpuThreadsOrCores()} threads: {@link #cpuLanes()}, or one each. */
  public int effectiveCpuLanes() {
    int threads = cpuThreadsOrCores();
    return cpuLanes == 0 ? threads : Math.min(cpuLanes, threads);
  }
}
