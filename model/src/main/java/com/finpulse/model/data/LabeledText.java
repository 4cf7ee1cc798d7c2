package com.finpulse.model.data;

import com.finpulse.model.task.Task;

/** One training or evaluation example: raw text and the index of its label in the task's list. */
public record LabeledText(String text, Task task, int label) {}
