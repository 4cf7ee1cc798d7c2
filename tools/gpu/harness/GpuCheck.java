import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bert.BertEncoder;
import com.finpulse.model.bert.LoraConfig;
import com.finpulse.model.bert.LoraTarget;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.data.CsvTable;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.ClassifierOptions;
import com.finpulse.model.serve.Classifiers;
import com.finpulse.model.serve.GpuPrecision;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.task.BatchedInference;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Pooling;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.TokenizedText;
import com.finpulse.model.train.AdamW;
import com.finpulse.model.train.ParameterGroups;
import com.finpulse.model.train.TrainingStep;
import com.finpulse.model.weights.BertWeights;
import com.finpulse.model.weights.EncoderLoader;
import com.finpulse.model.weights.LoadedEncoder;
import com.finpulse.model.weights.Tensor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * FinPulse's GPU check: the project's own {@link Classifier}, loaded by {@link Classifiers#load}
 * from a model directory (manifest, adapter, base pinned by sha256), on the accelerator and on the
 * CPU in one JVM, over the same headlines. It reimplements nothing of the model: every probability
 * comes from {@code Classifier.classify}.
 *
 * <p>Phases, each reported as one JSON line (stdout and {@code --out}); a failed phase is reported
 * with its stack trace and the later phases still run:
 *
 * <ol>
 *   <li>{@code jvm}, {@code engine}: runtime, libtorch found, CUDA seen by DJL and by cudart;
 *   <li>{@code model}, {@code tokens}: manifest and token lengths of the headlines;
 *   <li>{@code reference}: CPU fp32 probabilities of every headline (the parity reference);
 *   <li>{@code parity}: the accelerator ({@code --device}, fp16 unless {@code --fp32}) against the
 *       reference: max |Δp| of sentiment and topic probabilities, label agreement; then the same
 *       call again (must repeat itself), bad inputs (empty, 100k characters, whitespace);
 *   <li>{@code timing}: headlines/s of {@code classify} over all headlines at each {@code
 *       --batches} size (texts per forward; token budget = size x max length, so the size binds);
 *   <li>{@code parity} of fp32 on the accelerator against the reference (separates fp16 rounding
 *       from a bug of the device path);
 *   <li>{@code oversize}: one call whose batch cannot fit (token budget far above what memory
 *       holds): it must come back whole, split by {@link BatchedInference}, not crash.
 * </ol>
 *
 * <p>The accelerator's configurations: the default (fused TorchScript forward, fp16 on a GPU), the
 * NDArray forward it replaces; each with its parity and throughput. No bf16: DJL 0.32's JNI cannot
 * cast to it (the process aborts).
 *
 * <p>{@code make-model} writes a model directory on a given base with the project's own classes
 * (random LoRA and heads, seeded): the CPU rehearsal's tiny model. {@code train-check} runs LoRA
 * training steps (the project's {@code TrainingStep} and {@code AdamW}) on the CPU and on the
 * device from the same seed and compares their losses, then times the device's steps.
 *
 * <pre>
 * java -cp 'harness:lib/*' GpuCheck --model DIR --headlines CSV --out FILE [--device gpu|cpu]
 *   [--limit N] [--batches 256,1024,4096] [--config-seconds S] [--deadline-s S]
 *   [--oversize-texts N] [--ref-budget-s S] [--fp32] [--no-reference] [--parity-batch N]
 * java -cp 'harness:lib/*' GpuCheck make-model --base DIR --out DIR --like MODEL_DIR [--rank R]
 * java -cp 'harness:lib/*' GpuCheck train-check --model DIR --headlines CSV --out FILE
 *   [--device gpu|cpu] [--steps N] [--speed-steps N] [--batch N]
 * </pre>
 *
 * Exit: 0 every phase ran, 3 a phase failed (said why), 2 nothing could run (engine or setup).
 */
public final class GpuCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = System.nanoTime();
  private static PrintStream sink;

  private static Path modelDir;
  private static Path headlinesCsv;
  private static String device = "gpu";
  private static boolean fp16 = true;
  private static int limit = Integer.MAX_VALUE;
  private static int[] batches = {256, 1024, 4096};
  private static double configSeconds = 8;
  private static double deadlineS = Double.MAX_VALUE;
  private static double refBudgetS = 90;
  private static int oversizeTexts = 32_768;
  private static int parityBatch = 1024;
  private static boolean withReference = true;

  private static List<String> texts;
  private static int maxLength;
  private static double tokenizeSeconds = Double.NaN;
  private static float[][] refSent;
  private static float[][] refTopic;
  private static int refDone;
  private static int failures;

  private GpuCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("make-model")) {
      makeModel(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("train-check")) {
      trainCheck(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    parseArgs(args);
    emit(jvm());
    if (!engine()) {
      finish(2);
      return;
    }
    try {
      texts = readHeadlines(headlinesCsv);
      if (texts.size() > limit) {
        texts = List.copyOf(texts.subList(0, limit));
      }
      ModelManifest m = ModelBundle.readManifest(modelDir);
      maxLength = m.maxLength();
      ObjectNode o = ev("model");
      o.put("dir", modelDir.toAbsolutePath().toString());
      o.put("name", m.name());
      o.put("base_id", m.base().id());
      o.put("base_sha256", m.base().sha256());
      o.put("weights_sha256", m.weightsSha256());
      o.put("hidden", m.config().hiddenSize());
      o.put("layers", m.config().numLayers());
      o.put("max_length", m.maxLength());
      o.put("lora", String.valueOf(m.lora()));
      o.put("headlines", texts.size());
      emit(o);
      tokenStats(Path.of(m.base().id()).resolve("tokenizer.json"));
    } catch (Throwable t) {
      error("setup", t);
      finish(2);
      return;
    }
    if (withReference) {
      reference();
    } else {
      say("no CPU reference (--no-reference): parity against it is skipped");
    }
    accelerated();
    finish(failures == 0 ? 0 : 3);
  }

  // ------------------------------------------------------------------ probes

  private static ObjectNode jvm() {
    ObjectNode o = ev("jvm");
    o.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    o.put("java_home", System.getProperty("java.home"));
    o.put("cores", Runtime.getRuntime().availableProcessors());
    o.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    o.put("device", device);
    o.put("fp16", fp16);
    ObjectNode env = o.putObject("env");
    for (String k :
        List.of(
            "PYTORCH_LIBRARY_PATH",
            "PYTORCH_VERSION",
            "PYTORCH_FLAVOR",
            "PYTORCH_LIBRARY_EXCLUSION",
            "LD_LIBRARY_PATH",
            "OMP_NUM_THREADS",
            "CUDA_VISIBLE_DEVICES")) {
      if (System.getenv(k) != null) {
        env.put(k, System.getenv(k));
      }
    }
    for (String k : List.of("ai.djl.offline", "jna.library.path")) {
      if (System.getProperty(k) != null) {
        env.put("-D" + k, System.getProperty(k));
      }
    }
    return o;
  }

  private static boolean engine() {
    long t = System.nanoTime();
    ObjectNode o = ev("engine");
    try {
      Engine e = Engine.getInstance();
      o.put("ok", true);
      o.put("load_s", round(since(t), 2));
      o.put("name", e.getEngineName());
      o.put("version", e.getVersion());
      o.put("libtorch", LibUtils.getLibtorchPath());
      o.put("features", String.valueOf(JniUtils.getFeatures()));
      o.put("intra_op_threads", JniUtils.getNumThreads());
      o.put("gpu_count", e.getGpuCount());
    } catch (Throwable ex) {
      o.put("ok", false);
      emit(o);
      error("engine", ex);
      return false;
    }
    try {
      int n = CudaUtils.getGpuCount();
      o.put("cudart_gpu_count", n);
      if (n > 0) {
        o.put("cudart_version", CudaUtils.getCudaVersionString());
        o.put("compute_capability", CudaUtils.getComputeCapability(0));
      }
    } catch (Throwable ex) {
      o.put("cudart_error", ex.toString());
    }
    emit(o);
    return true;
  }

  private static List<String> readHeadlines(Path csv) {
    CsvTable t = CsvTable.read(csv);
    int col = t.column("headline");
    List<String> out = new ArrayList<>(t.rows().size());
    for (List<String> row : t.rows()) {
      out.add(col < row.size() ? row.get(col) : "");
    }
    return out;
  }

  /** Token lengths as the classifier sees them, and what tokenizing every headline costs. */
  private static void tokenStats(Path tokenizerJson) throws Exception {
    try (BertTokenizer tok = new BertTokenizer(Files.readAllBytes(tokenizerJson), maxLength)) {
      List<TokenizedText> enc = tok.tokenize(texts);
      double best = Double.MAX_VALUE;
      for (int r = 0; r < 3; r++) {
        long t = System.nanoTime();
        enc = tok.tokenize(texts);
        best = Math.min(best, since(t));
      }
      tokenizeSeconds = best;
      int[] len = enc.stream().mapToInt(TokenizedText::length).sorted().toArray();
      long sum = Arrays.stream(len).asLongStream().sum();
      ObjectNode o = ev("tokens");
      o.put("n", len.length);
      o.put("mean", round((double) sum / len.length, 2));
      o.put("p50", len[len.length / 2]);
      o.put("p99", len[(int) (len.length * 0.99)]);
      o.put("max", len[len.length - 1]);
      o.put("tokenize_all_s", round(best, 4));
      emit(o);
    }
  }

  // ------------------------------------------------------------------ CPU fp32 reference

  private static void reference() {
    long t = System.nanoTime();
    Classifier cpu;
    try {
      cpu = Classifiers.load(modelDir, ClassifierOptions.defaults().withDevice("cpu"));
    } catch (Throwable ex) {
      failures++;
      error("reference_load", ex);
      return;
    }
    try {
      ObjectNode loaded = ev("reference_loaded");
      loaded.put("load_s", round(since(t), 2));
      describe(cpu, loaded);
      emit(loaded);
      int n = texts.size();
      refSent = new float[n][];
      refTopic = new float[n][];
      long start = System.nanoTime();
      int done = 0;
      while (done < n && since(start) < refBudgetS && !late()) {
        int end = Math.min(n, done + 1000);
        store(cpu.classify(texts.subList(done, end)), cpu.topicLabels(), refSent, refTopic, done);
        done = end;
      }
      refDone = done;
      ObjectNode o = ev("reference");
      o.put("device", "cpu");
      o.put("precision", "fp32");
      o.put("headlines", done);
      o.put("of", n);
      o.put("seconds", round(since(start), 2));
      o.put("headlines_per_s", Math.round(done / Math.max(1e-9, since(start))));
      o.put("time_boxed", done < n);
      emit(o);
      if (done < n) {
        say("reference stopped at " + done + " of " + n + " headlines (time budget)");
      }
      // the same call again on the same classifier must give the same numbers
      int m = Math.min(done, 1000);
      if (m > 0 && !late()) {
        float[][] s2 = new float[m][];
        float[][] t2 = new float[m][];
        store(cpu.classify(texts.subList(0, m)), cpu.topicLabels(), s2, t2, 0);
        emit(parity("cpu_fp32_repeat", s2, t2, refSent, refTopic, m, false));
      }
    } catch (Throwable ex) {
      failures++;
      error("reference", ex);
    } finally {
      closeQuietly(cpu);
    }
  }

  // ------------------------------------------------------------------ accelerator

  /** The default options on the device under test, with at most {@code batch} texts per forward. */
  private static ClassifierOptions options(int batch, GpuPrecision precision, boolean fused) {
    int tokens = (int) Math.min(Integer.MAX_VALUE, (long) batch * Math.max(1, maxLength));
    return ClassifierOptions.defaults()
        .withDevice(device)
        .withTokenBudget(tokens, batch)
        .withGpuBatch(tokens, batch)
        .withGpuPrecision(precision)
        .withFusedForward(fused);
  }

  private static GpuPrecision mainPrecision() {
    return fp16 ? GpuPrecision.FLOAT16 : GpuPrecision.FLOAT32;
  }

  private static void accelerated() {
    float[][] s = new float[texts.size()][];
    float[][] tp = new float[texts.size()][];
    Classifier c;
    long t = System.nanoTime();
    try {
      c = Classifiers.load(modelDir, options(parityBatch, mainPrecision(), true));
    } catch (Throwable ex) {
      failures++;
      error("accelerator_load", ex);
      return;
    }
    try {
      ObjectNode o = ev("accelerator_loaded");
      o.put("load_s", round(since(t), 2));
      describe(c, o);
      gpuMemory(o);
      emit(o);
      long p = System.nanoTime();
      store(c.classify(texts), c.topicLabels(), s, tp, 0);
      ObjectNode first = ev("first_pass");
      first.put("headlines", texts.size());
      first.put("seconds", round(since(p), 3));
      emit(first);
      if (refDone > 0) {
        emit(parity(label(fp16) + "_vs_cpu_fp32", s, tp, refSent, refTopic, refDone, true));
      }
      float[][] s2 = new float[texts.size()][];
      float[][] t2 = new float[texts.size()][];
      store(c.classify(texts), c.topicLabels(), s2, t2, 0);
      emit(parity(label(fp16) + "_repeat_on_device", s2, t2, s, tp, texts.size(), false));
      badInputs(c);
      timing(c, parityBatch, "default");
    } catch (Throwable ex) {
      failures++;
      error("parity", ex);
    } finally {
      closeQuietly(c);
    }
    for (int b : batches) {
      if (b == parityBatch) {
        continue;
      }
      if (late()) {
        skipped("timing_" + b);
        continue;
      }
      try {
        Classifier cb = Classifiers.load(modelDir, options(b, mainPrecision(), true));
        try {
          timing(cb, b, "default");
        } finally {
          closeQuietly(cb);
        }
      } catch (Throwable ex) {
        failures++;
        error("timing_" + b, ex);
      }
    }
    // The device side alone (what PyTorch's model-only figure measures): pre-tokenized texts.
    for (int b : batches) {
      if (late()) {
        skipped("model_only_" + b);
        continue;
      }
      try {
        modelOnly(b);
      } catch (Throwable ex) {
        failures++;
        error("model_only_" + b, ex);
      }
    }
    // The NDArray forward, which the fused one replaces: same precision, same batches.
    for (int b : batches) {
      if (b < parityBatch) {
        continue;
      }
      variant("ndarray", options(b, mainPrecision(), false), b == parityBatch, b);
    }
    if (oversizeTexts > 0) {
      // it runs several forwards that fail before the ones that fit: start it only with time left
      if (since(T0) > deadlineS - 40) {
        skipped("oversize");
      } else {
        oversize();
      }
    }
    if (fp16 && device.equals("gpu") && refDone > 0) {
      if (late()) {
        skipped("fp32_on_device");
      } else {
        try {
          Classifier c32 =
              Classifiers.load(modelDir, options(parityBatch, GpuPrecision.FLOAT32, true));
          try {
            float[][] a = new float[texts.size()][];
            float[][] b = new float[texts.size()][];
            store(c32.classify(texts), c32.topicLabels(), a, b, 0);
            emit(parity("gpu_fp32_vs_cpu_fp32", a, b, refSent, refTopic, refDone, false));
          } finally {
            closeQuietly(c32);
          }
        } catch (Throwable ex) {
          failures++;
          error("fp32_on_device", ex);
        }
      }
    }
  }

  /**
   * Another configuration on the device: its parity against the CPU reference (when {@code
   * parity}) and its throughput at {@code batch} texts per forward, labelled {@code name}.
   */
  private static void variant(String name, ClassifierOptions opts, boolean parity, int batch) {
    if (late()) {
      skipped(name + "_" + batch);
      return;
    }
    try {
      Classifier c = Classifiers.load(modelDir, opts);
      try {
        if (parity && refDone > 0) {
          float[][] a = new float[texts.size()][];
          float[][] b = new float[texts.size()][];
          store(c.classify(texts), c.topicLabels(), a, b, 0);
          emit(
              parity(
                  device + "_" + name + "_vs_cpu_fp32", a, b, refSent, refTopic, refDone, true));
        }
        timing(c, batch, name);
      } finally {
        closeQuietly(c);
      }
    } catch (Throwable ex) {
      failures++;
      error(name + "_" + batch, ex);
    }
  }

  /**
   * The network of the default configuration without the classifier around it: the headlines
   * tokenized once, then {@link BatchedInference#probabilities} (sort, pad, upload, forward, copy
   * back) at {@code batch} texts per forward. The Java counterpart of PyTorch's model-only figure.
   */
  private static void modelOnly(int batch) {
    Device dev = device.equals("gpu") ? Device.gpu() : Device.cpu();
    ModelBundle.Loaded l = ModelBundle.load(modelDir, dev);
    try (MultiTaskNetwork net = l.network();
        BertTokenizer tok = new BertTokenizer(l.tokenizerJson(), maxLength)) {
      ai.djl.ndarray.types.DataType type =
          dev.isGpu() && fp16
              ? ai.djl.ndarray.types.DataType.FLOAT16
              : ai.djl.ndarray.types.DataType.FLOAT32;
      net.encoder().prepareForInference(type, true);
      net.castHeads(type);
      List<TokenizedText> enc = tok.tokenize(texts);
      Set<Task> tasks = Set.of(Task.SENTIMENT, Task.TOPIC);
      int budget = (int) Math.min(Integer.MAX_VALUE, (long) batch * Math.max(1, maxLength));
      BatchedInference.probabilities(net, enc, tasks, budget, batch); // warm-up
      List<Double> passes = new ArrayList<>();
      long cfg = System.nanoTime();
      do {
        long t = System.nanoTime();
        BatchedInference.probabilities(net, enc, tasks, budget, batch);
        passes.add(since(t));
      } while (passes.size() < 5 && since(cfg) < configSeconds && !late());
      double total = passes.stream().mapToDouble(Double::doubleValue).sum();
      ObjectNode o = ev("timing_model_only");
      o.put("batch", batch);
      o.put("headlines", texts.size());
      o.put("passes", passes.size());
      o.put("headlines_per_s", Math.round(passes.size() * texts.size() / total));
      String fwd = net.encoder().fusedForward();
      o.put("forward", fwd == null ? "ndarray" : fwd);
      o.put("precision", String.valueOf(type));
      emit(o);
    }
  }

  private static String label(boolean half) {
    return device + "_" + (half && device.equals("gpu") ? "fp16" : "fp32");
  }

  /** Empty, huge and blank texts on the accelerator path: one prediction each, no exception. */
  private static void badInputs(Classifier c) {
    ObjectNode o = ev("bad_inputs");
    try {
      List<String> odd =
          List.of("", "x".repeat(100_000), "word ".repeat(20_000), " \t\n", "Acme beats estimates");
      List<Prediction> p = c.classify(odd);
      boolean finite = true;
      ArrayNode a = o.putArray("sentiment_scores");
      for (Prediction x : p) {
        finite &= Double.isFinite(x.sentimentScore());
        a.add(round(x.sentimentScore(), 4));
      }
      o.put("texts", odd.size());
      o.put("predictions", p.size());
      o.put("ok", p.size() == odd.size() && finite);
      if (!o.get("ok").asBoolean()) {
        failures++;
      }
    } catch (Throwable ex) {
      failures++;
      o.put("ok", false);
      o.put("exception", ex.toString());
      error("bad_inputs", ex);
    }
    emit(o);
  }

  /**
   * One call whose token budget lets a single forward take every text at full length: far more
   * than a card holds for the default size. BatchedInference must split it and return every row.
   */
  private static void oversize() {
    ObjectNode o = ev("oversize");
    int n = oversizeTexts;
    o.put("texts", n);
    o.put("tokens_per_text", maxLength);
    try {
      Classifier c = Classifiers.load(modelDir, options(n, mainPrecision(), true));
      try {
        List<String> big = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          big.add("headline " + i + " " + "markets rally on earnings ".repeat(40));
        }
        long before = BatchedInference.outOfMemorySplits();
        long t = System.nanoTime();
        List<Prediction> p = c.classify(big);
        o.put("seconds", round(since(t), 2));
        o.put("predictions", p.size());
        o.put("oom_splits", BatchedInference.outOfMemorySplits() - before);
        o.put("ok", p.size() == n);
        gpuMemory(o);
        if (p.size() != n) {
          failures++;
        }
      } finally {
        closeQuietly(c);
      }
    } catch (Throwable ex) {
      failures++;
      o.put("ok", false);
      o.put("exception", ex.toString());
      error("oversize", ex);
    }
    emit(o);
  }

  private static void timing(Classifier c, int batch, String variant) {
    int n = texts.size();
    long w = System.nanoTime();
    c.classify(texts); // warm-up: allocator, kernels
    double warm = since(w);
    List<Double> passes = new ArrayList<>();
    long cfg = System.nanoTime();
    do {
      long t = System.nanoTime();
      List<Prediction> out = c.classify(texts);
      passes.add(since(t));
      if (out.size() != n) {
        throw new IllegalStateException("classify returned " + out.size() + " of " + n);
      }
    } while (passes.size() < 3 && since(cfg) < configSeconds && !late());
    double total = passes.stream().mapToDouble(Double::doubleValue).sum();
    double best = passes.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    int perPass = (n + batch - 1) / batch;
    ObjectNode o = ev("timing");
    o.put("variant", variant);
    o.put("batch", batch);
    o.put("batches_per_pass", perPass);
    o.put("headlines", n);
    o.put("warmup_s", round(warm, 3));
    ArrayNode a = o.putArray("pass_s");
    passes.forEach(x -> a.add(round(x, 4)));
    o.put("headlines_per_s", Math.round(passes.size() * n / total));
    o.put("best_pass_headlines_per_s", Math.round(n / best));
    if (best > tokenizeSeconds) {
      // classify tokenizes on the calling thread before its forwards: the rest is the device side
      o.put("excl_tokenize_headlines_per_s", Math.round(n / (best - tokenizeSeconds)));
    }
    describe(c, o);
    gpuMemory(o);
    emit(o);
    say(
        String.format(
            Locale.ROOT,
            "%s, batch %d: %,d headlines/s over %d pass(es) (warm-up %.2f s)",
            variant,
            batch,
            Math.round(passes.size() * n / total),
            passes.size(),
            warm));
  }

  // ------------------------------------------------------------------ numbers

  private static void store(
      List<Prediction> p, List<String> topics, float[][] sent, float[][] topic, int offset) {
    for (int i = 0; i < p.size(); i++) {
      Prediction x = p.get(i);
      sent[offset + i] =
          new float[] {
            (float) x.sentimentScores().negative(),
            (float) x.sentimentScores().neutral(),
            (float) x.sentimentScores().positive()
          };
      float[] row = new float[topics.size()];
      for (int k = 0; k < row.length; k++) {
        row[k] = x.topicProbabilities().get(topics.get(k)).floatValue();
      }
      topic[offset + i] = row;
    }
  }

  /** The product's sentiment label: neutral wins ties (SentimentScores.label). */
  private static int sentimentLabel(float[] s) {
    if (s[1] >= s[0] && s[1] >= s[2]) {
      return 1;
    }
    return s[0] >= s[2] ? 0 : 2;
  }

  private static int argmax(float[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[b]) {
        b = i;
      }
    }
    return b;
  }

  /** Top-1 minus top-2 probability: how close a text is to a label flip. */
  private static float margin(float[] v) {
    float a = -1;
    float b = -1;
    for (float x : v) {
      if (x > a) {
        b = a;
        a = x;
      } else if (x > b) {
        b = x;
      }
    }
    return a - b;
  }

  /** {@code a} against reference {@code r} over the first {@code n} texts. */
  private static ObjectNode parity(
      String name, float[][] aS, float[][] aT, float[][] rS, float[][] rT, int n, boolean target) {
    double maxS = 0;
    double maxT = 0;
    int worst = 0;
    int agreeS = 0;
    int agreeT = 0;
    int sure = 0;
    int sureAgree = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < rS[i].length; k++) {
        double d = Math.abs(aS[i][k] - rS[i][k]);
        if (d > maxS) {
          maxS = d;
          worst = i;
        }
      }
      for (int k = 0; k < rT[i].length; k++) {
        maxT = Math.max(maxT, Math.abs(aT[i][k] - rT[i][k]));
      }
      boolean s = sentimentLabel(aS[i]) == sentimentLabel(rS[i]);
      boolean t = argmax(aT[i]) == argmax(rT[i]);
      agreeS += s ? 1 : 0;
      agreeT += t ? 1 : 0;
      if (margin(rS[i]) >= 0.02f && margin(rT[i]) >= 0.02f) {
        sure++;
        sureAgree += s && t ? 1 : 0;
      }
    }
    double pctS = 100.0 * agreeS / Math.max(1, n);
    double pctT = 100.0 * agreeT / Math.max(1, n);
    ObjectNode o = ev("parity");
    o.put("name", name);
    o.put("headlines", n);
    o.put("max_abs_diff_sentiment", sig(maxS));
    o.put("max_abs_diff_topic", sig(maxT));
    o.put("sentiment_agreement_pct", round(pctS, 3));
    o.put("topic_agreement_pct", round(pctT, 3));
    // a random base gives many near-ties, which any rounding flips: agreement where it is not one
    o.put("both_agreement_pct_where_ref_margin_ge_0.02", round(100.0 * sureAgree / Math.max(1, sure), 3));
    o.put("ref_margin_ge_0.02", sure);
    o.put("worst_sentiment_text", clip(texts.get(worst)));
    if (target) {
      o.put("target", "agreement >= 99.5% and max |dp| <= 0.02");
      o.put("target_met", maxS <= 0.02 && maxT <= 0.02 && pctS >= 99.5 && pctT >= 99.5);
    }
    say(
        String.format(
            Locale.ROOT,
            "parity %s over %d: max|dp| sentiment %.5f topic %.5f, agreement %.2f%% / %.2f%%",
            name,
            n,
            maxS,
            maxT,
            pctS,
            pctT));
    return o;
  }

  // ------------------------------------------------------------------ make-model

  /**
   * A model directory on {@code --base} made with the project's own classes: LoRA with the
   * targets of {@code --like}'s manifest (rank {@code --rank}), random B (so the adapter changes
   * the output), heads scaled up (so the outputs are not all near-ties), the LayerNorms saved as
   * trained. Seeded: the same bytes every time.
   */
  private static void makeModel(String[] a) throws Exception {
    Map<String, String> arg = new LinkedHashMap<>();
    for (int i = 0; i + 1 < a.length; i += 2) {
      arg.put(a[i], a[i + 1]);
    }
    Path base = Path.of(arg.get("--base"));
    Path out = Path.of(arg.get("--out"));
    ModelManifest like = ModelBundle.readManifest(Path.of(arg.get("--like")));
    int rank = Integer.parseInt(arg.getOrDefault("--rank", "4"));
    LoadedEncoder enc = EncoderLoader.load(base.toAbsolutePath().toString());
    BertWeights w = enc.weights();
    LoraConfig lora =
        new LoraConfig(rank, 2.0 * rank, LoraTarget.parse(like.lora().targets()), 0.0);
    Map<Task, List<String>> labels = new EnumMap<>(Task.class);
    for (Task t : Task.values()) {
      List<String> l = like.labels().get(t.id());
      if (l != null) { // the tasks the model it is like has (the entity head is optional)
        labels.put(t, l);
      }
    }
    Random rnd = new Random(7);
    try (MultiTaskNetwork net =
        new MultiTaskNetwork(
            new BertEncoder(w, lora, Device.cpu(), 7), Pooling.parse(like.pooling()), labels, 7)) {
      for (var e : net.encoder().adapters().entrySet()) {
        Tensor at = BertEncoder.toTensor(e.getValue().a());
        long[] bShape = e.getValue().b().getShape().getShape();
        float[] b = new float[(int) (bShape[0] * bShape[1])];
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) (rnd.nextGaussian() * 0.05);
        }
        net.encoder().overwriteAdapter(e.getKey(), at, new Tensor(bShape, b));
      }
      Map<String, Tensor> heads = new LinkedHashMap<>();
      net.headTensors()
          .forEach(
              (k, v) -> {
                float[] d = v.data().clone();
                for (int i = 0; i < d.length; i++) {
                  d[i] *= 50f;
                }
                heads.put(k, new Tensor(v.shape(), d));
              });
      net.loadHeads(heads, "make-model");
      List<String> norms = new ArrayList<>();
      for (String p : net.encoder().parameters().keySet()) {
        if (p.contains("LayerNorm")) {
          norms.add(p);
        }
      }
      TrainingReport training =
          TrainingReport.noted(
              "Made by tools/gpu/harness/GpuCheck make-model for the CPU rehearsal of the GPU"
                  + " check: random LoRA (seed 7) and heads on a random base. Not a classifier.");
      ModelManifest m =
          new ModelManifest(
              ModelManifest.FORMAT,
              "gpu-check-tiny",
              new ModelManifest.Base(enc.baseId(), null, null, enc.sha256()),
              w.config(),
              Math.min(like.maxLength(), w.config().maxPositions()),
              like.pooling(),
              like.textNormalization(),
              new ModelManifest.Lora(rank, lora.alpha(), LoraTarget.format(lora.targets())),
              false,
              true,
              null,
              null,
              like.labels(),
              like.entityInput(),
              null,
              training);
      ModelBundle.save(out, m, net, norms);
    }
    ObjectNode o = ev("model_made");
    o.put("dir", out.toAbsolutePath().toString());
    o.put("base_sha256", enc.sha256());
    o.put("seconds", round(since(T0), 2));
    System.out.println(o);
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  // ------------------------------------------------------------------ training step

  /**
   * LoRA training steps with the project's own {@link TrainingStep} and {@link AdamW}: the same
   * seeded network (the model's LoRA shape and heads on its base, dropout off), the same batches of
   * headlines (labels made up: i mod 3), on the CPU and on the device in fp32. The losses must
   * match within fp tolerance; the device's examples/s are then timed over more steps.
   */
  private static void trainCheck(String[] a) throws Exception {
    Map<String, String> arg = new LinkedHashMap<>();
    for (int i = 0; i + 1 < a.length; i += 2) {
      arg.put(a[i], a[i + 1]);
    }
    modelDir = Path.of(arg.get("--model"));
    device = arg.getOrDefault("--device", "gpu");
    int steps = Integer.parseInt(arg.getOrDefault("--steps", "6"));
    int speedSteps = Integer.parseInt(arg.getOrDefault("--speed-steps", "30"));
    int batch = Integer.parseInt(arg.getOrDefault("--batch", "32"));
    if (arg.containsKey("--out")) {
      Path p = Path.of(arg.get("--out")).toAbsolutePath();
      sink = new PrintStream(new FileOutputStream(p.toFile(), true), true, StandardCharsets.UTF_8);
    }
    if (!engine()) {
      finish(2);
      return;
    }
    ObjectNode o = ev("training");
    try {
      ModelManifest m = ModelBundle.readManifest(modelDir);
      LoadedEncoder enc = EncoderLoader.load(m.base().id());
      List<String> heads = readHeadlines(Path.of(arg.get("--headlines")));
      List<TokenizedText> tok;
      try (BertTokenizer t = new BertTokenizer(enc.tokenizerJson(), m.maxLength())) {
        tok = t.tokenize(heads.subList(0, Math.min(heads.size(), 4096)));
      }
      o.put("batch", batch);
      o.put("steps_compared", steps);
      o.put("lora", String.valueOf(m.lora()));
      double[] cpu = trainSteps(Device.cpu(), m, enc, tok, batch, steps, 0, null);
      double[] speed = new double[1];
      double[] dev =
          trainSteps(
              device.equals("gpu") ? Device.gpu() : Device.cpu(),
              m,
              enc,
              tok,
              batch,
              steps,
              speedSteps,
              speed);
      ArrayNode c = o.putArray("cpu_losses");
      ArrayNode d = o.putArray("device_losses");
      double worst = 0;
      for (int i = 0; i < steps; i++) {
        c.add(cpu[i]);
        d.add(dev[i]);
        worst = Math.max(worst, Math.abs(cpu[i] - dev[i]) / Math.max(1e-6, Math.abs(cpu[i])));
      }
      o.put("device", device);
      o.put("max_rel_loss_diff", sig(worst));
      o.put("target", "every compared loss within 1e-3 relative of the CPU's");
      o.put("target_met", worst <= 1e-3);
      o.put("device_examples_per_s", Math.round(speed[0]));
      o.put("cpu_examples_per_s", Math.round(cpu[steps]));
      if (!(worst <= 1e-3)) {
        failures++;
      }
    } catch (Throwable ex) {
      failures++;
      o.put("exception", ex.toString());
      error("training", ex);
    }
    emit(o);
    say(
        String.format(
            Locale.ROOT,
            "training: losses CPU %s vs %s %s (max relative difference %s); %s examples/s on the"
                + " device",
            o.path("cpu_losses"),
            device,
            o.path("device_losses"),
            o.path("max_rel_loss_diff").asText(),
            o.path("device_examples_per_s").asText()));
    finish(failures == 0 ? 0 : 3);
  }

  /**
   * {@code steps} training steps on {@code dev}; returns their losses and, at index {@code steps},
   * the examples/s of those steps after the first. With {@code speedSteps} more steps timed, their
   * examples/s goes to {@code speed[0]}.
   */
  private static double[] trainSteps(
      Device dev,
      ModelManifest m,
      LoadedEncoder enc,
      List<TokenizedText> tok,
      int batch,
      int steps,
      int speedSteps,
      double[] speed) {
    LoraConfig lora =
        new LoraConfig(
            m.lora().rank(), m.lora().alpha(), LoraTarget.parse(m.lora().targets()), 0.0);
    Map<Task, List<String>> labels = new EnumMap<>(Task.class);
    for (Task t : List.of(Task.SENTIMENT, Task.TOPIC)) {
      labels.put(t, m.labels().get(t.id()));
    }
    try (MultiTaskNetwork net =
        new MultiTaskNetwork(
            new BertEncoder(enc.weights(), lora, dev, 7), Pooling.parse(m.pooling()), labels, 7)) {
      net.encoder().setHiddenDropout(0f);
      net.setHeadDropout(0f);
      // the trainer's own parameter groups: LoRA A and B, and the sentiment head
      List<AdamW.Param> ps = ParameterGroups.of(net, false, false, 1.0).perTask().get(Task.SENTIMENT);
      AdamW opt = AdamW.defaults(0.01);
      double[] out = new double[steps + 1];
      long t1 = 0;
      for (int s = 0; s < steps + speedSteps; s++) {
        if (s == 1) {
          t1 = System.nanoTime();
        }
        if (s == steps) {
          out[steps] = (steps - 1) * (double) batch / since(t1);
          t1 = System.nanoTime();
        }
        int from = (s * batch) % (tok.size() - batch);
        long[] y = new long[batch];
        float[] w = new float[batch];
        for (int i = 0; i < batch; i++) {
          y[i] = (from + i) % 3;
          w[i] = 1f / batch;
        }
        float loss =
            TrainingStep.forwardBackward(
                net, Task.SENTIMENT, tok.subList(from, from + batch), y, w);
        opt.step(ps, 1e-3);
        if (s < steps) {
          out[s] = loss;
        }
      }
      if (speedSteps > 0 && speed != null) {
        speed[0] = speedSteps * (double) batch / since(t1);
      } else {
        out[steps] = (steps - 1) * (double) batch / since(t1);
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ reporting

  /** Device, precision and forward of a classifier (package-private there: read reflectively). */
  private static void describe(Classifier c, ObjectNode o) {
    o.put("model_id", c.modelId());
    try {
      Method dev = c.getClass().getDeclaredMethod("device");
      dev.setAccessible(true);
      o.put("device", String.valueOf(dev.invoke(c)));
      Method prec = c.getClass().getDeclaredMethod("precision");
      prec.setAccessible(true);
      o.put("precision", String.valueOf(prec.invoke(c)));
      Method fwd = c.getClass().getDeclaredMethod("forward");
      fwd.setAccessible(true);
      o.put("forward", String.valueOf(fwd.invoke(c)));
      Method lanes = c.getClass().getDeclaredMethod("lanes");
      lanes.setAccessible(true);
      o.put("lanes", String.valueOf(lanes.invoke(c)));
    } catch (Throwable ex) {
      o.put("describe_error", ex.toString());
    }
  }

  private static void gpuMemory(ObjectNode o) {
    if (!device.equals("gpu")) {
      return;
    }
    try {
      MemoryUsage mem = CudaUtils.getGpuMemory(Device.gpu());
      o.put("gpu_mem_used_mb", mem.getCommitted() >> 20);
      o.put("gpu_mem_total_mb", mem.getMax() >> 20);
    } catch (Throwable ex) {
      o.put("gpu_mem_error", ex.toString());
    }
  }

  private static boolean late() {
    return since(T0) > deadlineS;
  }

  private static void skipped(String phase) {
    ObjectNode o = ev("skipped");
    o.put("phase", phase);
    o.put("reason", "deadline of " + deadlineS + " s reached");
    emit(o);
  }

  private static void finish(int code) {
    ObjectNode o = ev("done");
    o.put("exit_code", code);
    o.put("failures", failures);
    o.put("oom_splits_total", BatchedInference.outOfMemorySplits());
    emit(o);
    if (sink != null) {
      sink.close();
    }
    System.out.flush();
    System.err.flush();
    // a native library may hold non-daemon threads: leave now
    Runtime.getRuntime().halt(code);
  }

  private static void error(String phase, Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    System.err.println("=== " + phase + " FAILED ===");
    t.printStackTrace(System.err);
    ObjectNode o = ev("error");
    o.put("phase", phase);
    o.put("exception", t.toString());
    o.put("stack", sw.toString());
    emit(o);
  }

  private static ObjectNode ev(String name) {
    ObjectNode o = JSON.createObjectNode();
    o.put("event", name);
    return o;
  }

  private static synchronized void emit(ObjectNode o) {
    o.put("t", round(since(T0), 2));
    String line = o.toString();
    System.out.println(line);
    System.out.flush();
    if (sink != null) {
      sink.println(line);
      sink.flush();
    }
  }

  private static void say(String s) {
    System.out.println("# " + s);
    System.out.flush();
  }

  private static void closeQuietly(Classifier c) {
    try {
      c.close();
    } catch (Throwable ex) {
      error("close", ex);
    }
  }

  private static double since(long t) {
    return (System.nanoTime() - t) / 1e9;
  }

  private static double round(double x, int digits) {
    if (!Double.isFinite(x)) {
      return x;
    }
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }

  private static double sig(double x) {
    return x == 0 ? 0 : Double.parseDouble(String.format(Locale.ROOT, "%.3g", x));
  }

  private static String clip(String s) {
    return s.length() <= 160 ? s : s.substring(0, 160) + "...";
  }

  private static void parseArgs(String[] a) throws Exception {
    for (int i = 0; i < a.length; i++) {
      String k = a[i];
      if (k.equals("--fp32")) {
        fp16 = false;
        continue;
      }
      if (k.equals("--no-reference")) {
        withReference = false;
        continue;
      }
      if (i + 1 >= a.length) {
        throw new IllegalArgumentException(k + " needs a value");
      }
      String v = a[++i];
      switch (k) {
        case "--model" -> modelDir = Path.of(v);
        case "--headlines" -> headlinesCsv = Path.of(v);
        case "--out" -> {
          Path p = Path.of(v).toAbsolutePath();
          Files.createDirectories(p.getParent());
          sink = new PrintStream(new FileOutputStream(p.toFile(), true), true, StandardCharsets.UTF_8);
        }
        case "--device" -> device = v;
        case "--limit" -> limit = Integer.parseInt(v);
        case "--batches" ->
            batches = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        case "--config-seconds" -> configSeconds = Double.parseDouble(v);
        case "--deadline-s" -> deadlineS = Double.parseDouble(v);
        case "--ref-budget-s" -> refBudgetS = Double.parseDouble(v);
        case "--oversize-texts" -> oversizeTexts = Integer.parseInt(v);
        case "--parity-batch" -> parityBatch = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown argument " + k);
      }
    }
    if (modelDir == null || headlinesCsv == null) {
      throw new IllegalArgumentException("--model DIR and --headlines CSV are required");
    }
    if (!device.equals("gpu") && !device.equals("cpu")) {
      throw new IllegalArgumentException("--device gpu|cpu");
    }
  }
}
