package com.finpulse.alerts.api;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.LabelTask;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/feedback}: an analyst's correction of one article's sentiment, topic, or
 * sentiment toward one of its tickers. {@code text_hash} is the one the article was shown with
 * ({@code /articles}, {@code /review}): a correction of a text that has changed is refused.
 */
record CorrectionRequest(
    @Nullable String articleId,
    @Nullable String task,
    @Nullable String target,
    @Nullable String label,
    @Nullable String textHash,
    @Nullable String note)
    implements Validated {

  static final int MAX_NOTE = 1000;

  /** The task, once {@link #validate} passed. */
  LabelTask labelTask() {
    return LabelTask.fromLabel(task);
  }

  @Override
  public void validate(Validation v) {
    v.check(articleId != null && !articleId.isBlank(), "article_id", "is required");
    v.check(
        textHash != null && textHash.matches("[0-9a-f]{64}"),
        "text_hash",
        "is required: the text_hash the article was shown with (64 hex digits)");
    LabelTask t = null;
    try {
      t = task == null ? null : LabelTask.fromLabel(task);
    } catch (IllegalArgumentException e) {
      // reported below
    }
    v.check(t != null, "task", "must be sentiment, topic or entity, got '" + task + "'");
    if (t == null) {
      return;
    }
    v.check(
        label != null && t.labels().contains(label),
        "label",
        "must be one of " + String.join(", ", t.labels()) + ", got '" + label + "'");
    if (t.hasTarget()) {
      v.check(target != null && !target.isBlank(), "target", "is required for entity: a ticker");
    } else {
      v.check(target == null || target.isBlank(), "target", "only entity corrections name one");
    }
    v.check(
        note == null || note.length() <= MAX_NOTE,
        "note",
        "must be at most " + MAX_NOTE + " characters");
  }
}
