package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelTask;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.text.TargetedText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How often a model gives the analysts' label on corrected texts: accuracy over all corrections and
 * per task. An entity correction is scored on the sentiment toward its ticker.
 *
 * @param byTask per task: {count, agreeing}
 */
public record FeedbackAgreement(int count, int agreeing, Map<LabelTask, int[]> byTask) {

  public double accuracy() {
    return count == 0 ? Double.NaN : (double) agreeing / count;
  }

  /** Scores every correction with {@code classifier}. */
  public static FeedbackAgreement measure(Classifier classifier, List<Correction> corrections) {
    Map<LabelTask, int[]> byTask = new EnumMap<>(LabelTask.class);
    List<Correction> whole = new ArrayList<>();
    List<Correction> targeted = new ArrayList<>();
    for (Correction c : corrections) {
      switch (c.feedback().task()) {
        case SENTIMENT, TOPIC -> whole.add(c);
        case ENTITY -> targeted.add(c);
      }
    }
    List<Prediction> preds = classifier.classify(whole.stream().map(Correction::text).toList());
    for (int i = 0; i < whole.size(); i++) {
      Correction c = whole.get(i);
      String said =
          switch (c.feedback().task()) {
            case SENTIMENT -> preds.get(i).sentiment().label();
            case TOPIC -> preds.get(i).topic();
            case ENTITY -> throw new IllegalStateException("entity corrections are scored apart");
          };
      count(byTask, c, said);
    }
    var toward =
        classifier.classifyTargets(
            targeted.stream()
                .map(c -> new TargetedText(c.text(), List.of(c.feedback().target())))
                .toList());
    for (int i = 0; i < targeted.size(); i++) {
      count(byTask, targeted.get(i), toward.get(i).label().label());
    }
    int n = 0;
    int ok = 0;
    for (int[] v : byTask.values()) {
      n += v[0];
      ok += v[1];
    }
    return new FeedbackAgreement(n, ok, byTask);
  }

  private static void count(Map<LabelTask, int[]> byTask, Correction c, String said) {
    int[] v = byTask.computeIfAbsent(c.feedback().task(), t -> new int[2]);
    v[0]++;
    if (said.equals(c.feedback().label())) {
      v[1]++;
    }
  }

  /** For the training report: the whole and per task. */
  public TrainingReport.Agreement toReport() {
    Map<String, TrainingReport.Agreement> tasks = new LinkedHashMap<>();
    byTask.forEach(
        (t, v) -> tasks.put(t.label(), TrainingReport.Agreement.of(v[0], v[1], Map.of())));
    return TrainingReport.Agreement.of(count, agreeing, tasks);
  }

  /** "3/5 (0.600)". */
  public String describe() {
    return count == 0
        ? "no corrections"
        : String.format(Locale.ROOT, "%d/%d (%.3f)", agreeing, count, accuracy());
  }
}
