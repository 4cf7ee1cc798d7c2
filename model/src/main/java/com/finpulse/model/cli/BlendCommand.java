package com.finpulse.model.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.bundle.WeightSpaceBlend;
import com.finpulse.model.eval.ClassificationMetrics;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.TokenizedText;
import com.finpulse.model.train.DevEvaluation;
import com.finpulse.model.train.TaskTexts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ./finpulse model blend}: weight-space interpolation of two models, then calibration. */
final class BlendCommand {

  static final String USAGE =
      """
      Usage: ./finpulse model blend --from DIR --to DIR --weight W --out DIR <training data options>

        Interpolates two LoRA models fine-tuned from the same base in weight space (WiSE-FT):
        (1 - W) x FROM + W x TO for the adapters' weight deltas (as one adapter of the two ranks
        together, its factors stored in float16), the LayerNorms and the heads both have; a head only TO has (an
        entity head) is kept. A model fine-tuned further on news (TO) from the tweet model (FROM)
        then keeps the tweets it would forget, at no training cost.

        --from DIR     the model at W = 0 (e.g. models/default)
        --to DIR       the model at W = 1 (e.g. one trained with --init models/default --news ...)
        --weight W     the share of TO, in [0, 1]
        --out DIR      the blended model directory

        The training data options of ./finpulse model train (--sentiment, --topic, --news, --entity,
        --register, --news-repeat, --topic-sample, --sentiment-sample, --dev-fraction, --news-dev-fraction, --seed,
        label maps) name the dev split the blend is scored on and its temperatures fitted on:
        give those TO was trained with (its model.json records the command).
      """;

  int run(String[] argv, PrintStream out, PrintStream err) {
    CliArgs a = CliArgs.parse(argv, List.of("help"));
    if (a.flag("help")) {
      out.print(USAGE);
      return 0;
    }
    Path from = Path.of(a.require("from"));
    Path to = Path.of(a.require("to"));
    Path outDir = Path.of(a.require("out"));
    double weight = a.doubleValue("weight", Double.NaN);
    TrainingDataOptions data = TrainingDataOptions.parse(a);
    a.rejectUnknown();
    if (!(weight >= 0 && weight <= 1)) {
      throw new UsageException("--weight must be in [0, 1]");
    }
    ModelManifest fm = ModelBundle.readManifest(from);
    ModelManifest tm = ModelBundle.readManifest(to);
    WeightSpaceBlend.Result blend =
        WeightSpaceBlend.blend(
            fm, ModelBundle.readWeights(from, fm), tm, ModelBundle.readWeights(to, tm), weight);
    TrainingDataOptions.Assembled dev = data.assemble(err);
    TrainingReport training =
        TrainingReport.blended(
            "./finpulse model blend " + String.join(" ", java.util.Arrays.asList(argv)),
            new TrainingReport.Blend(
                "weight-space interpolation (WiSE-FT): (1 - w) x from + w x to",
                weight,
                fm.name() + "@" + fm.weightsSha256(),
                tm.name() + "@" + tm.weightsSha256()),
            // the dev split the blend is calibrated on, so that eval --split dev|news-dev
            // reproduces it
            TrainingReport.HyperParameters.devSplit(
                data.devFraction(), data.newsDevFraction(), data.seed()),
            dev.dataInfo(),
            fm.training(),
            tm.training());
    ModelManifest saved =
        ModelBundle.save(
            outDir,
            tm.asBlend(outDir.getFileName().toString(), blend.lora(), training),
            blend.tensors(),
            // the adapter factors in float16: the two ranks side by side would double the file;
            // the merged weight stays float32 (the factors' rounding moves it by ~1e-4 relative)
            name -> name.endsWith(".lora_A.weight") || name.endsWith(".lora_B.weight"));
    err.printf(
        Locale.ROOT,
        "Blended %s (%.2f) and %s (%.2f) into %s: LoRA rank %d%n",
        from,
        1 - weight,
        to,
        weight,
        outDir,
        blend.lora().rank());

    Map<String, ModelManifest.Calibration> calibration;
    ModelBundle.Loaded loaded = ModelBundle.load(outDir, Device.cpu());
    try (MultiTaskNetwork net = loaded.network();
        BertTokenizer tok = new BertTokenizer(loaded.tokenizerJson(), saved.maxLength())) {
      net.encoder().prepareForInference(DataType.FLOAT32);
      Map<Task, List<TokenizedText>> devTok =
          TaskTexts.tokenize(tok, dev.dev(), saved.entityInputOrDefault());
      DevEvaluation eval = DevEvaluation.of(net, devTok, dev.dev(), dev.labels());
      for (Map.Entry<Task, ClassificationMetrics> e : eval.metrics().entrySet()) {
        err.printf(
            Locale.ROOT,
            "  dev %s: accuracy %.4f, macro-F1 %.4f (%d rows)%n",
            e.getKey().id(),
            e.getValue().accuracy(),
            e.getValue().macroF1(),
            e.getValue().count());
      }
      eval.bySource()
          .forEach(
              (k, m) ->
                  err.printf(
                      Locale.ROOT,
                      "    %s: accuracy %.4f, macro-F1 %.4f%n",
                      k,
                      m.accuracy(),
                      m.macroF1()));
      calibration = eval.calibration(dev.dev(), dev.labels());
    }
    ModelBundle.saveManifest(outDir, saved.withCalibration(calibration));
    calibration.forEach(
        (task, c) ->
            err.printf(
                Locale.ROOT,
                "  calibration %s: T=%.3f, ECE %.4f -> %.4f on %d dev rows%n",
                task,
                c.temperature(),
                c.eceBefore(),
                c.eceAfter(),
                c.devRows()));
    out.printf(
        Locale.ROOT,
        "{\"out\":\"%s\",\"weight\":%s,\"lora_rank\":%d}%n",
        outDir.toAbsolutePath(),
        weight,
        blend.lora().rank());
    return 0;
  }
}
