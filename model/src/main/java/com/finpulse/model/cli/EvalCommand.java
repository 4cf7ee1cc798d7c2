package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.ProgressBar;
import com.finpulse.common.cli.UsageException;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.data.DevSplit;
import com.finpulse.model.data.LabelMap;
import com.finpulse.model.data.LabeledCsv;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.eval.ClassificationMetrics;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.ClassifierOptions;
import com.finpulse.model.serve.Classifiers;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.task.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code ./finpulse model eval}. */
final class EvalCommand {

  static final String USAGE =
      """
      Usage: ./finpulse model eval [--model DIR] --task sentiment|topic --data CSV
                                   --text-col NAME --label-col NAME [--label-map MAP] [--json]

        --model DIR      model directory (default: models/default)
        --label-map MAP  raw=label pairs, e.g. 0=negative,1=positive,2=neutral or 0=Analyst Update,...
                         Without it, values are label names, or integers indexing the model's
                         labels in order (sentiment: negative, neutral, positive)
        --split S        all (default), dev or train: the model's own dev split of DATA (same
                         near-duplicate-aware split, fraction and seed as in its training), so
                         a model can be scored on exactly the rows it never trained on
        --json           also print one JSON object as the last line
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
    String map = a.get("label-map");
    boolean json = a.flag("json");
    String split = a.get("split", "all");
    a.rejectUnknown();
    if (!List.of("all", "dev", "train").contains(split)) {
      throw new UsageException("--split must be all, dev or train");
    }

    ModelManifest manifest = ModelBundle.readManifest(model);
    List<String> labels = List.copyOf(manifest.labels().get(task.id()));
    LabelMap labelMap = map == null ? LabelMap.namesOrIndices(labels) : LabelMap.parse(map, labels);
    List<LabeledText> rows = LabeledCsv.read(data, task, textCol, labelCol, null, t -> labelMap);
    if (!split.equals("all")) {
      var hyper = manifest.training() == null ? null : manifest.training().path("hyper_parameters");
      if (hyper == null || !hyper.has("dev_fraction") || !hyper.has("seed")) {
        throw new UsageException(model + " records no dev split (dev_fraction, seed) to reproduce");
      }
      DevSplit s =
          DevSplit.of(rows, hyper.get("dev_fraction").asDouble(), hyper.get("seed").asLong());
      rows = split.equals("dev") ? s.dev() : s.train();
    }
    err.printf("Evaluating %s on %d rows (%s) of %s%n", model, rows.size(), split, data);
    int[] truth = new int[rows.size()];
    float[][] probs = new float[rows.size()][];
    try (Classifier c = Classifiers.load(model, ClassifierOptions.defaults())) {
      ProgressBar bar = new ProgressBar(err, "eval", rows.size(), "texts");
      int chunk = 512;
      for (int start = 0; start < rows.size(); start += chunk) {
        List<LabeledText> part = rows.subList(start, Math.min(rows.size(), start + chunk));
        List<Prediction> preds = c.classify(part.stream().map(LabeledText::text).toList());
        for (int i = 0; i < part.size(); i++) {
          truth[start + i] = part.get(i).label();
          probs[start + i] = probabilities(task, preds.get(i), labels);
        }
        bar.update(start + part.size());
      }
      bar.finish(rows.size());
      ClassificationMetrics m = ClassificationMetrics.compute(labels, truth, probs);
      out.print(m.report(task.id() + " on " + data.getFileName() + " with " + c.modelId()));
      if (json) {
        out.println(ModelJson.line(m.toJson(task.id())));
      }
    }
    return 0;
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
