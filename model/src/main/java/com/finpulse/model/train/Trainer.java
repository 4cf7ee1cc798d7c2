package com.finpulse.model.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bert.BertEncoder;
import com.finpulse.model.bert.LoraTarget;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.eval.ClassificationMetrics;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.TextNormalizer;
import com.finpulse.model.text.TokenizedText;
import com.finpulse.model.weights.LoadedEncoder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Multi-task fine-tuning: single-task, length-bucketed batches from both tasks interleaved; AdamW
 * with warm-up and linear decay; dev evaluation after every epoch; the best epoch by mean dev
 * macro-F1 is saved to the output directory as soon as it is reached; early stopping on patience.
 *
 * <p>Grad mode is engine-global: never train in a JVM that also serves.
 */
public final class Trainer {

  /**
   * Dev metrics of one epoch: per task, and per task and data source ("sentiment/tweets") where a
   * task's dev data comes from more than one source.
   */
  public record EpochResult(
      int epoch,
      double trainLoss,
      Map<Task, ClassificationMetrics> dev,
      Map<String, ClassificationMetrics> devBySource,
      double score,
      double seconds) {}

  /** What a run produced. */
  public record Result(List<EpochResult> epochs, int bestEpoch, double bestScore, double seconds) {}

  private final TrainingConfig cfg;
  private final PrintStream err;

  public Trainer(TrainingConfig cfg, PrintStream err) {
    this.cfg = cfg;
    this.err = err;
  }

  /**
   * @param manifest the manifest to save with each best checkpoint
   * @param report what the run trains on and how: saved in the manifest with the run's progress as
   *     of each best epoch; its data files are part of what a resume must find unchanged
   */
  public Result train(
      LoadedEncoder base,
      Map<Task, List<String>> labels,
      Map<Task, List<LabeledText>> train,
      Map<Task, List<LabeledText>> dev,
      Path out,
      ModelManifest manifest,
      TrainingReport report,
      Path init,
      boolean resume) {
    long t0 = System.nanoTime();
    Random rnd = new Random(cfg.seed());
    Engine.getInstance(); // fail fast if the natives are missing
    Device device = Engine.getInstance().defaultDevice();
    err.printf(Locale.ROOT, "Training on %s with base %s%n", device, base.baseId());
    if (Device.Type.CPU.equals(device.getDeviceType())
        && "PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
      // libgomp reads the policy once, when it loads: only the launcher's environment can set it.
      // Unset, libgomp spins a while before sleeping; only PASSIVE was measured to cost training.
      err.println(
          "note: OMP_WAIT_POLICY=PASSIVE makes PyTorch's CPU workers sleep between operators;"
              + " on 2 cores that made training about 25% slower (./finpulse model train sets"
              + " ACTIVE)");
    }
    try (BertTokenizer tok = new BertTokenizer(base.tokenizerJson(), cfg.maxLength());
        MultiTaskNetwork net =
            new MultiTaskNetwork(
                new BertEncoder(base.weights(), cfg.lora(), device, cfg.seed()),
                cfg.pooling(),
                labels,
                cfg.seed())) {
      String fingerprint = fingerprint(report);
      TrainingCheckpoint checkpoint = resume ? resumePoint(out, fingerprint) : null;
      if (checkpoint != null) {
        checkpoint.restoreNetwork(out, net);
        err.printf(
            Locale.ROOT,
            "Resuming %s after epoch %d (step %d, best dev score %.4f at epoch %d)%n",
            out,
            checkpoint.epoch(),
            checkpoint.step(),
            checkpoint.best(),
            checkpoint.bestEpoch());
      } else if (init != null) {
        err.printf(
            Locale.ROOT, "Warm start from %s: heads %s%n", init, WarmStart.apply(init, net, base));
      }
      net.encoder().setHiddenDropout(cfg.hiddenDropout());
      net.setHeadDropout(cfg.headDropout());
      Map<Task, List<TokenizedText>> trainTok = TaskTexts.tokenize(tok, train, cfg.entityInput());
      Map<Task, int[]> trainLabels = labelArrays(train);
      Map<Task, List<TokenizedText>> devTok = TaskTexts.tokenize(tok, dev, cfg.entityInput());
      Map<Task, float[]> classWeights = classWeights(train, labels);

      ParameterGroups params =
          ParameterGroups.of(
              net, cfg.fullFineTune(), cfg.trainLayerNorms(), cfg.headLr() / cfg.lr());
      err.printf(
          Locale.ROOT,
          "Trainable parameters: %,d (%s); train %s; dev %s%n",
          params.count(),
          cfg.fullFineTune()
              ? "full fine-tune"
              : "LoRA r"
                  + cfg.lora().rank()
                  + " on "
                  + LoraTarget.format(cfg.lora().targets())
                  + (cfg.trainLayerNorms() ? " + LayerNorms" : "")
                  + " + heads",
          sizes(train),
          sizes(dev));

      BatchPlanner planner = new BatchPlanner(cfg.batchSize(), 50);
      long perEpoch = planner.batchesPerEpoch(trainTok);
      long totalSteps = perEpoch * cfg.epochs();
      LearningRateSchedule schedule =
          new LearningRateSchedule(
              cfg.lr(), Math.round(totalSteps * cfg.warmupRatio()), totalSteps);
      AdamW opt = AdamW.defaults(cfg.weightDecay());
      long examplesPerEpoch = 0;
      for (List<TokenizedText> xs : trainTok.values()) {
        examplesPerEpoch += xs.size();
      }

      List<EpochResult> results = new ArrayList<>();
      List<TrainingReport.Epoch> epochReports = new ArrayList<>();
      double best = -1;
      int bestEpoch = 0;
      int sinceBest = 0;
      long step = 0;
      int firstEpoch = 1;
      double secondsBefore = 0;
      if (checkpoint != null) {
        checkpoint.restoreOptimizer(out, params.allAsParams(), opt);
        best = checkpoint.best();
        bestEpoch = checkpoint.bestEpoch();
        sinceBest = checkpoint.sinceBest();
        step = checkpoint.step();
        firstEpoch = checkpoint.epoch() + 1;
        secondsBefore = checkpoint.secondsSoFar();
        epochReports.addAll(checkpoint.epochs());
        for (int e = 1; e < firstEpoch; e++) {
          planner.plan(trainTok, rnd); // the generator's draws of the finished epochs
        }
        if (sinceBest >= cfg.patience() || firstEpoch > cfg.epochs()) {
          err.printf(Locale.ROOT, "  nothing left to train: the run had finished%n");
        }
      }
      boolean outOfTime = false;
      boolean stopped = checkpoint != null && sinceBest >= cfg.patience();
      for (int epoch = firstEpoch; epoch <= cfg.epochs() && !outOfTime && !stopped; epoch++) {
        long e0 = System.nanoTime();
        List<BatchPlanner.Batch> batches = planner.plan(trainTok, rnd);
        String planHash = planHash(batches);
        ProgressBar bar =
            new ProgressBar(err, "epoch " + epoch + "/" + cfg.epochs(), examplesPerEpoch, "ex");
        double lossSum = 0;
        long lossCount = 0;
        long done = 0;
        for (BatchPlanner.Batch b : batches) {
          double lr = schedule.at(step);
          float loss =
              forwardBackward(
                  net,
                  b,
                  trainTok.get(b.task()),
                  trainLabels.get(b.task()),
                  classWeights.get(b.task()));
          opt.step(params.perTask().get(b.task()), lr);
          step++;
          lossSum += loss;
          lossCount++;
          done += b.indices().length;
          bar.suffix(String.format(Locale.ROOT, "loss %.4f  lr %.2e", lossSum / lossCount, lr));
          bar.update(done);
          if (cfg.maxMinutes() > 0 && (System.nanoTime() - t0) / 6e10 > cfg.maxMinutes()) {
            outOfTime = true;
            err.printf(
                Locale.ROOT,
                "%nTime budget of %.1f minutes reached: stopping after this evaluation%n",
                cfg.maxMinutes());
            break;
          }
        }
        bar.finish(done);
        DevEvaluation devEval = DevEvaluation.of(net, devTok, dev, labels);
        Map<Task, ClassificationMetrics> devMetrics = devEval.metrics();
        double score = 0;
        for (ClassificationMetrics m : devMetrics.values()) {
          score += m.macroF1() / devMetrics.size();
        }
        double secs = (System.nanoTime() - e0) / 1e9;
        EpochResult r =
            new EpochResult(
                epoch,
                lossSum / Math.max(1, lossCount),
                devMetrics,
                devEval.bySource(),
                score,
                secs);
        results.add(r);
        epochReports.add(epochReport(r, planHash));
        err.print(describe(r));
        if (score > best) {
          best = score;
          bestEpoch = epoch;
          sinceBest = 0;
          TrainingReport progress =
              report.withProgress(
                  epochReports,
                  bestEpoch,
                  Math.round(secondsBefore + (System.nanoTime() - t0) / 1e9),
                  step,
                  opt.skippedSteps());
          Map<String, ModelManifest.Calibration> calibration = devEval.calibration(dev, labels);
          ModelBundle.save(
              out,
              manifest.withTraining(progress).withCalibration(calibration),
              net,
              params.savedEncoderParameters());
          err.printf(
              Locale.ROOT,
              "  saved epoch %d to %s (dev score %.4f; calibration %s)%n",
              epoch,
              out,
              score,
              describe(calibration));
        } else if (++sinceBest >= cfg.patience()) {
          err.printf(Locale.ROOT, "  no improvement for %d epoch(s): stopping early%n", sinceBest);
          stopped = true;
        }
        if (cfg.stopAfterEpoch() > 0 && epoch >= cfg.stopAfterEpoch() && epoch < cfg.epochs()) {
          err.printf(
              Locale.ROOT, "  stopping after epoch %d as asked; go on with --resume%n", epoch);
          stopped = true;
        }
        if (!outOfTime) { // only a finished epoch can be resumed from
          new TrainingCheckpoint(
                  epoch,
                  step,
                  opt.appliedSteps(),
                  opt.skippedSteps(),
                  best,
                  bestEpoch,
                  sinceBest,
                  secondsBefore + (System.nanoTime() - t0) / 1e9,
                  fingerprint,
                  List.copyOf(epochReports))
              .save(out, params.all(), opt);
        }
      }
      return new Result(results, bestEpoch, best, secondsBefore + (System.nanoTime() - t0) / 1e9);
    }
  }

  private float forwardBackward(
      MultiTaskNetwork net,
      BatchPlanner.Batch b,
      List<TokenizedText> texts,
      int[] labels,
      float[] classWeights) {
    List<TokenizedText> batch = new ArrayList<>(b.indices().length);
    long[] y = new long[b.indices().length];
    float[] w = new float[b.indices().length];
    float wSum = 0;
    for (int i = 0; i < b.indices().length; i++) {
      int idx = b.indices()[i];
      batch.add(texts.get(idx));
      y[i] = labels[idx];
      w[i] = classWeights == null ? 1f : classWeights[labels[idx]];
      wSum += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= wSum;
    }
    return TrainingStep.forwardBackward(net, b.task(), batch, y, w);
  }

  private static String describe(Map<String, ModelManifest.Calibration> calibration) {
    StringBuilder sb = new StringBuilder();
    calibration.forEach(
        (task, c) ->
            sb.append(sb.isEmpty() ? "" : ", ")
                .append(
                    String.format(
                        Locale.ROOT,
                        "%s T=%.3f ECE %.4f->%.4f",
                        task,
                        c.temperature(),
                        c.eceBefore(),
                        c.eceAfter())));
    return sb.toString();
  }

  private static String describe(EpochResult r) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  epoch %d: train loss %.4f, %.0f s;",
                r.epoch(),
                r.trainLoss(),
                r.seconds()));
    r.dev()
        .forEach(
            (t, m) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        " dev %s acc %.4f macro-F1 %.4f;",
                        t.id(),
                        m.accuracy(),
                        m.macroF1())));
    sb.append(String.format(Locale.ROOT, " score %.4f", r.score()));
    r.devBySource()
        .forEach(
            (k, m) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "%n    dev %s (n=%d) acc %.4f macro-F1 %.4f ECE %.4f",
                        k,
                        m.count(),
                        m.accuracy(),
                        m.macroF1(),
                        m.expectedCalibrationError())));
    return sb.append(System.lineSeparator()).toString();
  }

  private static TrainingReport.Epoch epochReport(EpochResult r, String planHash) {
    Map<String, TrainingReport.DevMetrics> dev = new LinkedHashMap<>();
    r.dev().forEach((t, m) -> dev.put(t.id(), devMetrics(m, true)));
    Map<String, TrainingReport.DevMetrics> bySource = new LinkedHashMap<>();
    r.devBySource().forEach((k, m) -> bySource.put(k, devMetrics(m, false)));
    return new TrainingReport.Epoch(
        r.epoch(),
        round(r.trainLoss()),
        Math.round(r.seconds()),
        round(r.score()),
        planHash,
        dev,
        bySource);
  }

  /** Rounded to four decimals; a source's figures leave the weighted F1 out. */
  private static TrainingReport.DevMetrics devMetrics(
      ClassificationMetrics m, boolean withWeightedF1) {
    return new TrainingReport.DevMetrics(
        m.count(),
        round(m.accuracy()),
        round(m.macroF1()),
        withWeightedF1 ? round(m.weightedF1()) : null,
        round(m.expectedCalibrationError()));
  }

  /** A short hash of an epoch's batches (tasks and example indices, in order). */
  static String planHash(List<BatchPlanner.Batch> batches) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4);
    for (BatchPlanner.Batch b : batches) {
      crc.update(b.task().ordinal());
      for (int i : b.indices()) {
        buf.clear();
        crc.update(buf.putInt(i).flip());
      }
    }
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  /** Identifies a run's data and settings: what a resume must find unchanged. */
  private String fingerprint(TrainingReport report) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    // The time budget is per sitting: a resume may give another one.
    String settings = cfg.toString().replaceAll("(maxMinutes|stopAfterEpoch)=[^,\\]]*", "");
    crc.update(settings.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // The data files as compact JSON ("null" for a report without them), in the same form as
    // ever, so that a checkpoint written by an earlier version still resumes.
    crc.update(
        String.valueOf(ModelBundle.json().valueToTree(report.data()))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  private static TrainingCheckpoint resumePoint(Path out, String fingerprint) {
    TrainingCheckpoint c =
        TrainingCheckpoint.find(out)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        out
                            + " holds no finished epoch to resume from ("
                            + TrainingCheckpoint.DIR
                            + "/ is missing): start without --resume"));
    if (!c.fingerprint().equals(fingerprint)) {
      throw new IllegalStateException(
          out
              + " was trained with other data or settings (fingerprint "
              + c.fingerprint()
              + ", this run "
              + fingerprint
              + "): resume with the same command");
    }
    return c;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static Map<Task, int[]> labelArrays(Map<Task, List<LabeledText>> data) {
    Map<Task, int[]> out = new EnumMap<>(Task.class);
    data.forEach((t, xs) -> out.put(t, xs.stream().mapToInt(LabeledText::label).toArray()));
    return out;
  }

  /** sqrt(n / (k * n_c)) per class: softens the imbalance without swamping the big classes. */
  private Map<Task, float[]> classWeights(
      Map<Task, List<LabeledText>> train, Map<Task, List<String>> labels) {
    Map<Task, float[]> out = new EnumMap<>(Task.class);
    for (Task t : cfg.classWeightTasks()) {
      List<LabeledText> xs = train.getOrDefault(t, List.of());
      int k = labels.get(t).size();
      long[] counts = new long[k];
      for (LabeledText x : xs) {
        counts[x.label()]++;
      }
      float[] w = new float[k];
      for (int c = 0; c < k; c++) {
        w[c] = counts[c] == 0 ? 1f : (float) Math.sqrt((double) xs.size() / (k * counts[c]));
      }
      out.put(t, w);
    }
    return out;
  }

  private static String sizes(Map<Task, List<LabeledText>> data) {
    Map<String, Integer> m = new LinkedHashMap<>();
    data.forEach((t, xs) -> m.put(t.id(), xs.size()));
    return m.toString();
  }

  /** The normalization version, recorded by callers in the manifest. */
  public static String textNormalization() {
    return TextNormalizer.VERSION;
  }
}
