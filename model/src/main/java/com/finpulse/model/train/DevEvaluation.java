package com.finpulse.model.train;

import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.eval.ClassificationMetrics;
import com.finpulse.model.eval.TemperatureScaling;
import com.finpulse.model.task.BatchedInference;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.TokenizedText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network scored on the dev rows of each task: metrics per task and per data source, and the
 * uncalibrated probabilities, from which one temperature per task is fitted ({@link #calibration}).
 * Used after every training epoch and to calibrate a blended model.
 */
public record DevEvaluation(
    Map<Task, ClassificationMetrics> metrics,
    Map<String, ClassificationMetrics> bySource,
    Map<Task, float[][]> probabilities) {

  /** Scores {@code net} (as it is: in training or prepared for inference) on every dev row. */
  public static DevEvaluation of(
      MultiTaskNetwork net,
      Map<Task, List<TokenizedText>> devTok,
      Map<Task, List<LabeledText>> dev,
      Map<Task, List<String>> labels) {
    Map<Task, ClassificationMetrics> out = new EnumMap<>(Task.class);
    Map<String, ClassificationMetrics> bySource = new LinkedHashMap<>();
    Map<Task, float[][]> allProbs = new EnumMap<>(Task.class);
    for (Map.Entry<Task, List<TokenizedText>> e : devTok.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      Task task = e.getKey();
      float[][] probs =
          BatchedInference.probabilities(net, e.getValue(), Set.of(task), 4096, 128).get(task);
      List<LabeledText> rows = dev.get(task);
      int[] truth = rows.stream().mapToInt(LabeledText::label).toArray();
      out.put(task, ClassificationMetrics.compute(labels.get(task), truth, probs));
      allProbs.put(task, probs);
      Map<String, List<Integer>> sources = new LinkedHashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        sources.computeIfAbsent(rows.get(i).source(), k -> new ArrayList<>()).add(i);
      }
      if (sources.size() > 1) {
        sources.forEach(
            (source, idx) -> {
              int[] t = idx.stream().mapToInt(i -> truth[i]).toArray();
              float[][] p = idx.stream().map(i -> probs[i]).toArray(float[][]::new);
              bySource.put(
                  task.id() + "/" + source, ClassificationMetrics.compute(labels.get(task), t, p));
            });
      }
    }
    return new DevEvaluation(out, bySource, allProbs);
  }

  /** One temperature per task, fitted on these dev probabilities (computed at T = 1). */
  public Map<String, ModelManifest.Calibration> calibration(
      Map<Task, List<LabeledText>> dev, Map<Task, List<String>> labels) {
    Map<String, ModelManifest.Calibration> out = new LinkedHashMap<>();
    probabilities.forEach(
        (task, probs) ->
            out.put(
                task.id(),
                TemperatureScaling.fit(
                    labels.get(task),
                    dev.get(task).stream().mapToInt(LabeledText::label).toArray(),
                    probs)));
    return out;
  }
}
