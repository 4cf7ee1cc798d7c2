package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.text.LogText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What every feedback source checks and keeps, whatever it reads from. */
final class Corrections {

  private Corrections() {}

  /** What is wrong with a correction, or null: label valid for its task, text, target. */
  static @Nullable String problem(LabelFeedback f, String text) {
    if (f.articleId() == null || f.articleId().isBlank()) {
      return "missing article_id";
    }
    if (text == null || text.isBlank()) {
      return "missing text";
    }
    if (f.label() == null || !f.task().labels().contains(f.label())) {
      return "label '"
          + LogText.escape(f.label())
          + "' is not one of the "
          + f.task().label()
          + " labels "
          + f.task().labels();
    }
    if (f.task().hasTarget() == f.target().isEmpty()) {
      return f.task().hasTarget()
          ? "an " + f.task().label() + " correction needs a target (the ticker)"
          : "a "
              + f.task().label()
              + " correction has no target (it has '"
              + LogText.escape(f.target())
              + "')";
    }
    return null;
  }

  /**
   * The latest correction of each article, task and target ({@link LabelFeedback#recordKey()}): by
   * {@code at}, and of equal instants the one given last; in the order the keys first appear.
   */
  static List<Correction> latestPerKey(List<Correction> in) {
    Map<String, Correction> latest = new LinkedHashMap<>();
    for (Correction c : in) {
      latest.merge(
          c.feedback().recordKey(),
          c,
          (old, now) -> now.feedback().at().isBefore(old.feedback().at()) ? old : now);
    }
    return new ArrayList<>(latest.values());
  }
}
