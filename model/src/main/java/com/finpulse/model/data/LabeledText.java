package com.finpulse.model.data;

import com.finpulse.model.task.Task;

/**
 * One training or evaluation example: raw text, the index of its label in the task's list, the
 * target it is about (entity task only, else null) and where it came from (a file's role, for
 * per-source dev figures).
 */
public record LabeledText(String text, Task task, int label, String target, String source) {

  public LabeledText {
    if (task.targeted() && target == null) {
      throw new IllegalArgumentException("an " + task.id() + " example needs a target");
    }
    source = source == null ? "" : source;
  }

  public LabeledText(String text, Task task, int label) {
    this(text, task, label, null, null);
  }

  public LabeledText withSource(String newSource) {
    return new LabeledText(text, task, label, target, newSource);
  }
}
