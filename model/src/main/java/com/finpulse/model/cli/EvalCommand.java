package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.data.DevSplit;
import com.finpulse.model.data.LabelMap;
import com.finpulse.model.data.LabeledCsv;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.eval.ClassificationMetrics;
import com.finpulse.model.eval.TemperatureScaling;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.ClassifierOptions;
import com.finpulse.model.serve.Classifiers;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.TargetedText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code ./finpulse model eval}. */
final class EvalCommand {

  static final String USAGE =
      """
      Usage: ./finpulse model eval [--model DIR] --task sentiment|topic|entity --data CSV
                                   --text-col NAME --label-col NAME [--entity-col NAME]
                                   [--label-map MAP] [--json]

        --model DIR      model directory (default: models/default)
        --label-map MAP  raw=label pairs, e.g. 0=negative,1=positive,2=neutral or 0=Analyst Update,...
                         Without it, values are label names, or integers indexing the model's
                         labels in order (sentiment: negative, neutral, positive)
        --split S        all (default), dev or train: the model's own dev split of DATA (same
                         near-duplicate-aware split, fraction and seed as in its training), so
                         a model can be scored on exactly the rows it never trained on;
                         news-dev or news-train for data given to training as --news or
                         --entity (their own dev fraction)
        --entity-col C   with --task entity: the column naming the company each row asks about
                         (the sentiment toward it is the label)
        --json           also print one JSON object as the last line

      The report gives the expected calibration error (ECE) of the probabilities as served
      (temperature-scaled where model.json records a calibration) and before scaling.
      """;

  int run(String[] argv, PrintStream out, PrintStream err) {
    CliArgs a = CliArgs.parse(argv, List.of("json", "help"));
    if (a.flag("help")) {
      out.print(USAGE);
      return 0;
    }
    Path model = ModelDirs.resolve(a.path("model"));
    Task task;
    try {
      task = Task.parse(a.require("task"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path data = Path.of(a.require("data"));
    String textCol = a.require("text-col");
    String labelCol = a.require("label-col");
    String entityCol = a.get("entity-col");
    String map = a.get("label-map");
    boolean json = a.flag("json");
    String split = a.get("split", "all");
    a.rejectUnknown();
    if (!List.of("all", "dev", "train", "news-dev", "news-train").contains(split)) {
      throw new UsageException("--split must be all, dev, train, news-dev or news-train");
    }
    if (task.targeted() != (entityCol != null)) {
      throw new UsageException(
          task.targeted()
              ? "--task " + task.id() + " needs --entity-col"
              : "--entity-col goes with --task entity");
    }

    ModelManifest manifest = ModelBundle.readManifest(model);
    List<String> modelLabels = manifest.labels().get(task.id());
    if (modelLabels == null) {
      throw new UsageException(model + " has no " + task.id() + " head (see its model.json)");
    }
    List<String> labels = List.copyOf(modelLabels);
    LabelMap labelMap = map == null ? LabelMap.namesOrIndices(labels) : LabelMap.parse(map, labels);
    List<LabeledText> rows =
        task.targeted()
            ? LabeledCsv.readTargeted(data, task, textCol, entityCol, labelCol, labelMap)
            : LabeledCsv.read(data, task, textCol, labelCol, null, t -> labelMap);
    if (!split.equals("all")) {
      var hyper = manifest.training() == null ? null : manifest.training().hyperParameters();
      boolean news = split.startsWith("news-");
      Double fraction = hyper == null ? null : news ? hyper.newsDevFraction() : hyper.devFraction();
      if (fraction == null || hyper.seed() == null) {
        String key = news ? "news_dev_fraction" : "dev_fraction";
        throw new UsageException(model + " records no dev split (" + key + ", seed) to reproduce");
      }
      DevSplit s = DevSplit.of(rows, fraction, hyper.seed());
      rows = split.endsWith("dev") ? s.dev() : s.train();
    }
    err.printf("Evaluating %s on %d rows (%s) of %s%n", model, rows.size(), split, data);
    int[] truth = new int[rows.size()];
    float[][] probs = new float[rows.size()][];
    try (Classifier c = Classifiers.load(model, ClassifierOptions.defaults())) {
      ProgressBar bar = new ProgressBar(err, "eval", rows.size(), "texts");
      int chunk = 512;
      for (int start = 0; start < rows.size(); start += chunk) {
        List<LabeledText> part = rows.subList(start, Math.min(rows.size(), start + chunk));
        float[][] partProbs = score(c, task, part, labels);
        for (int i = 0; i < part.size(); i++) {
          truth[start + i] = part.get(i).label();
          probs[start + i] = partProbs[i];
        }
        bar.update(start + part.size());
      }
      bar.finish(rows.size());
      ClassificationMetrics m = ClassificationMetrics.compute(labels, truth, probs);
      // Served probabilities are softmax(z / T): softmax(T log p) recovers softmax(z).
      double temperature = manifest.temperature(task.id());
      double eceRaw =
          ClassificationMetrics.compute(
                  labels, truth, TemperatureScaling.rescale(probs, 1.0 / temperature))
              .expectedCalibrationError();
      out.print(m.report(task.id() + " on " + data.getFileName() + " with " + c.modelId()));
      out.printf(
          java.util.Locale.ROOT,
          "Calibration: temperature %.3f; ECE %.4f before scaling, %.4f as served%n",
          temperature,
          eceRaw,
          m.expectedCalibrationError());
      if (json) {
        java.util.Map<String, Object> j = m.toJson(task.id());
        j.put("temperature", temperature);
        j.put("ece_uncalibrated", eceRaw);
        out.println(ModelJson.line(j));
      }
    }
    return 0;
  }

  private static float[][] score(
      Classifier c, Task task, List<LabeledText> part, List<String> labels) {
    float[][] out = new float[part.size()][];
    switch (task) {
      case SENTIMENT, TOPIC -> {
        List<Prediction> preds = c.classify(part.stream().map(LabeledText::text).toList());
        for (int i = 0; i < part.size(); i++) {
          out[i] = probabilities(task, preds.get(i), labels);
        }
      }
      case ENTITY -> {
        if (!c.targeted()) {
          throw new UsageException(c.modelId() + " has no entity head");
        }
        List<SentimentScores> scores =
            c.classifyTargets(
                part.stream().map(x -> new TargetedText(x.text(), List.of(x.target()))).toList());
        for (int i = 0; i < part.size(); i++) {
          SentimentScores s = scores.get(i);
          out[i] = new float[] {(float) s.negative(), (float) s.neutral(), (float) s.positive()};
        }
      }
    }
    return out;
  }

  static float[] probabilities(Task task, Prediction p, List<String> labels) {
    float[] out = new float[labels.size()];
    if (task == Task.SENTIMENT) {
      out[0] = (float) p.sentimentScores().negative();
      out[1] = (float) p.sentimentScores().neutral();
      out[2] = (float) p.sentimentScores().positive();
    } else {
      for (int i = 0; i < labels.size(); i++) {
        out[i] = p.topicProbabilities().getOrDefault(labels.get(i), 0.0).floatValue();
      }
    }
    return out;
  }
}
