package com.finpulse.common.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An analyst's correction of the model, as the alerts service records it on {@code labels.feedback}
 * (compacted: key {@link #recordKey()}, the latest correction of an article's task wins). Training
 * joins it with the article's text by {@code articleId} and checks {@code textHash}.
 *
 * @param articleId the scored article
 * @param task which head is corrected
 * @param target the ticker of an {@link LabelTask#ENTITY} correction; empty otherwise
 * @param label the right label, one of {@link LabelTask#labels()}
 * @param modelLabel what the model said
 * @param modelId the model that said it ({@code ScoredArticle.modelId})
 * @param textHash {@link #textHash(String)} of the text the analyst saw (the title)
 * @param analyst who corrected it: the console user's name
 * @param note optional free text
 * @param at when
 */
public record LabelFeedback(
    String articleId,
    LabelTask task,
    String target,
    String label,
    String modelLabel,
    String modelId,
    String textHash,
    String analyst,
    @Nullable String note,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  /**
   * The columns of the corrections' CSV export ({@code GET /api/v1/feedback/export.csv}), in its
   * order: every field, then the article's text (the title the analyst saw). Training reads it
   * ({@code ./finpulse model train --feedback FILE}).
   */
  public static final List<String> CSV_COLUMNS =
      List.of(
          "article_id",
          "task",
          "target",
          "label",
          "model_label",
          "model_id",
          "text_hash",
          "analyst",
          "at",
          "note",
          "text");

  public LabelFeedback {
    target = target == null ? "" : target;
  }

  /** One record per article, task and target: a later correction replaces an earlier one. */
  public String recordKey() {
    return recordKey(articleId, task, target);
  }

  /** The record key of a correction of {@code articleId}'s {@code task} (target: "" for none). */
  public static String recordKey(String articleId, LabelTask task, String target) {
    return articleId + "|" + task.label() + (target.isEmpty() ? "" : "|" + target);
  }

  /** Whether the analyst agreed with the model. */
  public boolean agrees() {
    return label.equals(modelLabel);
  }

  /** The SHA-256 (hex) of a text's UTF-8 bytes: what a correction was made on. */
  public static String textHash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
