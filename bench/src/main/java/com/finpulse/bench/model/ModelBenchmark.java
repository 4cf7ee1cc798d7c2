package com.finpulse.bench.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.finpulse.bench.Benchmark;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.model.bert.ArrayCensus;
import com.finpulse.model.bert.BertConfig;
import com.finpulse.model.bert.BertEncoder;
import com.finpulse.model.task.ForwardLanes;
import com.finpulse.model.task.NativeHeap;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.PaddedBatch;
import com.finpulse.model.text.TokenizedText;
import com.finpulse.model.weights.BaseEncoder;
import com.finpulse.model.weights.EncoderLoader;
import com.finpulse.model.weights.LoadedEncoder;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./finpulse bench model}: the DJL encoder forward against ONNX Runtime on the same base
 * encoder's ONNX export, in one process, on the same length-sorted batches of real headlines, with
 * the same threads; both return the last hidden state as a Java float array. DJL runs as the
 * classifier does on CPU: batches side by side on lanes of one PyTorch thread each. ONNX Runtime
 * runs both ways a Java user would set it up, one session over all threads and the same lanes of
 * one thread each, and the ratio is taken against the faster of the two. Prints sentences/s,
 * tokens/s and the share of this CPU's fp32 FLOP ceiling for each, and the ratio DJL/ORT as the
 * last line. {@code --soak} instead runs the DJL path for a long time and prints RSS and the live
 * NDArray count over time.
 */
public final class ModelBenchmark implements Benchmark {

  private static final String USAGE =
      """
      Usage: ./finpulse bench model [--base minilm|bge-small|e5-small] [--seconds N] [--batch N]
                                    [--texts N] [--threads N] [--lanes N] [--soak]
        --seconds N   minimum measuring time per engine, in full passes (default 20; soak: total, default 120)
        --batch N     sentences per batch (default 32)
        --texts N     headlines to use (default 2000)
        --threads N   threads for each engine (default: number of cores)
        --lanes N     batches run side by side, threads/lanes threads each (default: one per
                      thread, as the classifier runs on CPU; 1: one batch at a time)
        --soak        DJL only: RSS and live NDArrays every 10 s, to show memory stays flat
      """;

  @Override
  public String name() {
    return "model";
  }

  @Override
  public String summary() {
    return "DJL encoder forward vs ONNX Runtime on real headlines (sentences/s, tokens/s, ratio)";
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs a = CliArgs.parse(argv, List.of("soak", "help"));
    if (a.flag("help")) {
      out.print(USAGE);
      return 0;
    }
    BaseEncoder base =
        BaseEncoder.byId(a.get("base", "bge-small"))
            .orElseThrow(() -> new UsageException("--base must be one of " + BaseEncoder.ids()));
    boolean soak = a.flag("soak");
    int seconds = a.intValue("seconds", soak ? 120 : 20);
    int batch = a.intValue("batch", 32);
    int textCount = a.intValue("texts", 2000);
    int threads = a.intValue("threads", Runtime.getRuntime().availableProcessors());
    int lanes = a.intValue("lanes", threads);
    a.rejectUnknown();
    if (threads < 1 || lanes < 1 || lanes > threads) {
      throw new UsageException("--threads must be >= 1 and --lanes between 1 and --threads");
    }
    int laneThreads = threads / lanes;

    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(laneThreads));
    Engine.getInstance();
    JniUtils.setNumThreads(laneThreads);
    err.println("Loading " + base.id() + " and " + textCount + " headlines...");
    LoadedEncoder enc = EncoderLoader.load(base);
    List<TokenizedText> tok;
    try (BertTokenizer t = new BertTokenizer(enc.tokenizerJson(), 128)) {
      tok = t.tokenize(Headlines.load(textCount));
    }
    EncoderWorkload work = EncoderWorkload.of(tok, batch, enc.weights().config());
    CpuCeiling cpu = CpuCeiling.detect(threads);
    out.printf(
        Locale.ROOT,
        "model bench: %s, %d headlines (%.1f tokens avg), batch %d, %d threads, %d lane(s), %d s"
            + " per engine%n",
        base.id(),
        work.sentences(),
        (double) work.realTokens() / work.sentences(),
        batch,
        threads,
        lanes,
        seconds);
    out.println("CPU ceiling: " + cpu.describe());

    try (BertEncoder djl = new BertEncoder(enc.weights(), null, Device.cpu(), 0)) {
      djl.prepareForInference(DataType.FLOAT32);
      // As the classifier sets up CPU inference.
      NativeHeap.tuneForInference();
      if (soak) {
        return soak(djl, work, seconds, out);
      }
      byte[] onnx;
      try (InputStream in =
          ModelBenchmark.class.getClassLoader().getResourceAsStream(base.onnxResource())) {
        onnx = in.readAllBytes();
      }
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession wide = ortSession(env, onnx, threads);
          OrtSession narrow = lanes > 1 ? ortSession(env, onnx, laneThreads) : null;
          ForwardLanes djlLanes = lanes > 1 ? new ForwardLanes(lanes, laneThreads) : null) {
        ExecutorService ortLanes = lanes > 1 ? Executors.newFixedThreadPool(lanes) : null;
        try {
          // Rounds of one full pass over the same batches per engine, alternating, until each
          // has run for --seconds: equal work, and load changes hit all alike.
          Tally d = new Tally("DJL (PyTorch)");
          Tally o = new Tally("ONNX Runtime");
          Tally ol = new Tally("ONNX Runtime, " + lanes + " lanes");
          BertConfig config = enc.weights().config();
          Forward djlF = b -> djlForward(djl, b);
          Forward wideF = b -> ortForward(env, wide, b);
          Forward narrowF = b -> ortForward(env, narrow, b);
          Runner djlRun =
              djlLanes == null ? Runner.SEQUENTIAL : tasks -> djlLanes.runAll(unchecked(tasks));
          Runner ortRun = ortLanes == null ? Runner.SEQUENTIAL : tasks -> runOn(ortLanes, tasks);
          // One unmeasured pass each: every batch shape once, JIT and native caches warm.
          pass(new Tally("warm-up"), work, config, djlF, djlRun);
          pass(new Tally("warm-up"), work, config, wideF, Runner.SEQUENTIAL);
          if (narrow != null) {
            pass(new Tally("warm-up"), work, config, narrowF, ortRun);
          }
          do {
            pass(d, work, config, djlF, djlRun);
            pass(o, work, config, wideF, Runner.SEQUENTIAL);
            if (narrow != null) {
              pass(ol, work, config, narrowF, ortRun);
            }
          } while (d.seconds < seconds
              || o.seconds < seconds
              || (narrow != null && ol.seconds < seconds));
          d.print(cpu, out);
          o.print(cpu, out);
          Tally bestOrt = o;
          if (narrow != null) {
            ol.print(cpu, out);
            bestOrt = ol.sentencesPerSecond() > o.sentencesPerSecond() ? ol : o;
          }
          RoundRatios spread = RoundRatios.of(d, bestOrt);
          out.printf(
              Locale.ROOT,
              "ratio DJL/ORT: %.2f (sentences/s, against the faster ONNX Runtime setup: %s;"
                  + " per round: median %.2f, range %.2f-%.2f over %d rounds)%n",
              d.sentencesPerSecond() / bestOrt.sentencesPerSecond(),
              bestOrt.name,
              spread.median(),
              spread.min(),
              spread.max(),
              spread.rounds());
        } finally {
          if (ortLanes != null) {
            ortLanes.shutdownNow();
          }
        }
      }
    }
    return 0;
  }

  private static OrtSession ortSession(OrtEnvironment env, byte[] onnx, int threads)
      throws Exception {
    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
    opts.setIntraOpNumThreads(threads);
    opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return env.createSession(onnx, opts);
  }

  /** How a pass runs its batches: one after another here, or side by side on lanes. */
  interface Runner {
    Runner SEQUENTIAL =
        tasks -> {
          for (Callable<Void> t : tasks) {
            t.call();
          }
        };

    void runAll(List<Callable<Void>> tasks) throws Exception;
  }

  private static List<Runnable> unchecked(List<Callable<Void>> tasks) {
    List<Runnable> out = new ArrayList<>(tasks.size());
    for (Callable<Void> t : tasks) {
      out.add(
          () -> {
            try {
              t.call();
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    }
    return out;
  }

  private static void runOn(ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
    for (Future<Void> f : pool.invokeAll(tasks)) {
      f.get();
    }
  }

  /**
   * The ratio of each round (one pass per engine over the same batches, back to back): its spread
   * shows how much of a difference between runs is the machine.
   */
  record RoundRatios(double median, double min, double max, int rounds) {
    static RoundRatios of(Tally djl, Tally ort) {
      int n = Math.min(djl.passSeconds.size(), ort.passSeconds.size());
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = ort.passSeconds.get(i) / djl.passSeconds.get(i);
      }
      Arrays.sort(r);
      double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
      return new RoundRatios(median, r[0], r[n - 1], n);
    }
  }

  interface Forward {
    float[] run(List<TokenizedText> batch) throws Exception;
  }

  /** Sentences, tokens and FLOPs one engine did, and the time it took. */
  static final class Tally {
    final String name;
    long sentences;
    long tokens;
    double flops;
    double seconds;
    final List<Double> passSeconds = new ArrayList<>();

    Tally(String name) {
      this.name = name;
    }

    double sentencesPerSecond() {
      return sentences / seconds;
    }

    void print(CpuCeiling cpu, PrintStream out) {
      double gflops = flops / seconds / 1e9;
      out.printf(
          Locale.ROOT,
          "%-24s %8.1f sentences/s %10.0f tokens/s %7.1f GFLOP/s = %5.1f%% of the fp32 ceiling%n",
          name,
          sentences / seconds,
          tokens / seconds,
          gflops,
          100 * gflops / cpu.gflops());
    }
  }

  private static void pass(
      Tally t, EncoderWorkload work, BertConfig config, Forward f, Runner runner) throws Exception {
    List<Callable<Void>> tasks = new ArrayList<>(work.batches().size());
    for (List<TokenizedText> b : work.batches()) {
      tasks.add(
          () -> {
            f.run(b);
            return null;
          });
    }
    long start = System.nanoTime();
    runner.runAll(tasks);
    double took = (System.nanoTime() - start) / 1e9;
    t.seconds += took;
    t.passSeconds.add(took);
    for (List<TokenizedText> b : work.batches()) {
      t.sentences += b.size();
      for (TokenizedText x : b) {
        t.tokens += x.length();
      }
      t.flops += EncoderWorkload.flops(config, b.size(), b.get(b.size() - 1).length());
    }
  }

  private static float[] djlForward(BertEncoder enc, List<TokenizedText> batch) {
    try (NDManager scope = enc.manager().newSubManager()) {
      PaddedBatch b = PaddedBatch.of(batch, scope);
      NDArray h = enc.forward(b.ids(), b.typeIds(), b.mask(), false);
      return h.toFloatArray();
    }
  }

  private static float[] ortForward(OrtEnvironment env, OrtSession s, List<TokenizedText> batch)
      throws Exception {
    int b = batch.size();
    int t = batch.get(b - 1).length();
    long[] ids = new long[b * t];
    long[] mask = new long[b * t];
    long[] types = new long[b * t];
    for (int i = 0; i < b; i++) {
      TokenizedText x = batch.get(i);
      System.arraycopy(x.ids(), 0, ids, i * t, x.length());
      for (int j = 0; j < x.length(); j++) {
        mask[i * t + j] = 1;
      }
    }
    long[] shape = {b, t};
    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor ty = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
        OrtSession.Result r =
            s.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", ty))) {
      FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    }
  }

  private static int soak(BertEncoder enc, EncoderWorkload work, int seconds, PrintStream out) {
    out.println("soak: DJL forward on the headline batches; RSS and live NDArrays every 10 s");
    out.println("  elapsed    batches   sentences      RSS MB   live NDArrays   heap MB");
    long start = System.nanoTime();
    long next = start;
    long batches = 0;
    long sentences = 0;
    long firstRss = -1;
    long firstArrays = -1;
    long rss = 0;
    long arrays = 0;
    int i = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= next) {
        rss = rssMb();
        arrays = ArrayCensus.liveArrays(enc.manager());
        if (firstRss < 0 && batches > 0) {
          firstRss = rss;
          firstArrays = arrays;
        }
        Runtime rt = Runtime.getRuntime();
        out.printf(
            Locale.ROOT,
            "  %6.0f s %10d %11d %11d %15d %9d%n",
            (now - start) / 1e9,
            batches,
            sentences,
            rss,
            arrays,
            (rt.totalMemory() - rt.freeMemory()) >> 20);
        out.flush();
        next += 10_000_000_000L;
        if (now - start >= seconds * 1_000_000_000L) {
          break;
        }
      }
      List<TokenizedText> b = work.batches().get(i++ % work.batches().size());
      djlForward(enc, b);
      batches++;
      sentences += b.size();
    }
    out.printf(
        Locale.ROOT,
        "soak result: RSS %+d MB, live NDArrays %+d after the first 10 s (%d batches)%n",
        rss - firstRss,
        arrays - firstArrays,
        batches);
    return 0;
  }

  private static long rssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
