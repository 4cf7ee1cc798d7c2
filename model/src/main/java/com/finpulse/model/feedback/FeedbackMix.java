package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelTask;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Corrections as training rows of the model's tasks: a sentiment correction trains the sentiment
 * head, a topic one the topic head, an entity one the entity head with the ticker as the target;
 * each is repeated {@code weight} times (up-weighting what analysts took the trouble to fix).
 */
public final class FeedbackMix {

  /** The source name of correction rows in per-source figures. */
  public static final String SOURCE = "feedback";

  private FeedbackMix() {}

  /** The model task a correction trains. */
  public static Task task(LabelTask t) {
    return switch (t) {
      case SENTIMENT -> Task.SENTIMENT;
      case TOPIC -> Task.TOPIC;
      case ENTITY -> Task.ENTITY;
    };
  }

  /** One correction as a labelled row of its task ({@code labels}: the run's label lists). */
  public static LabeledText labeled(Correction c, Map<Task, List<String>> labels) {
    Task task = task(c.feedback().task());
    List<String> taskLabels = labels.get(task);
    int label = taskLabels == null ? -1 : taskLabels.indexOf(c.feedback().label());
    if (label < 0) {
      throw new IllegalArgumentException(
          c.origin() + ": the model has no " + task.id() + " label '" + c.feedback().label() + "'");
    }
    return new LabeledText(
        c.text(), task, label, task.targeted() ? c.feedback().target() : null, SOURCE);
  }

  /** Adds every correction {@code weight} times to its task's training rows. */
  public static void addTo(
      Map<Task, List<LabeledText>> train,
      Map<Task, List<String>> labels,
      List<Correction> corrections,
      int weight) {
    if (weight < 1) {
      throw new IllegalArgumentException("the feedback weight must be at least 1, got " + weight);
    }
    for (Correction c : corrections) {
      LabeledText row = labeled(c, labels);
      List<LabeledText> rows = train.computeIfAbsent(row.task(), t -> new ArrayList<>());
      for (int i = 0; i < weight; i++) {
        rows.add(row);
      }
    }
  }
}
