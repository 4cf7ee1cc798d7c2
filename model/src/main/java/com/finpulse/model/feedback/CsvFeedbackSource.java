package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import com.finpulse.common.text.LogText;
import com.finpulse.model.data.CsvTable;
import com.finpulse.model.data.DataException;
import com.finpulse.model.weights.EncoderLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's CSV export of corrections (RFC 4180, header row): {@code
 * article_id,task,target,label,model_label,model_id,text_hash,analyst,at,note,text}. Every row is
 * checked, and every bad row is named with its file and line in one error: an unknown task, a label
 * the task does not have, a missing text, a malformed instant, a text whose hash is not the row's
 * {@code text_hash}.
 */
public final class CsvFeedbackSource implements FeedbackSource {

  /** The export's columns, in its order (the reader finds them by name). */
  public static final List<String> COLUMNS = LabelFeedback.CSV_COLUMNS;

  private static final int MAX_LISTED_ERRORS = 20;

  private final Path file;

  public CsvFeedbackSource(Path file) {
    this.file = file;
  }

  @Override
  public Read read(PrintStream err) {
    CsvTable t = CsvTable.read(file);
    int[] col = new int[COLUMNS.size()];
    for (int i = 0; i < col.length; i++) {
      col[i] = t.column(COLUMNS.get(i));
    }
    List<Correction> rows = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int r = 0; r < t.rows().size(); r++) {
      List<String> row = t.rows().get(r);
      String where = file + ":" + t.line(r);
      if (row.size() != t.header().size()) {
        errors.add(where + ": row has " + row.size() + " fields, header has " + t.header().size());
        continue;
      }
      try {
        rows.add(parse(row, col, where));
      } catch (DataException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder(file + ": " + errors.size() + " bad correction row(s):");
      errors.stream()
          .limit(MAX_LISTED_ERRORS)
          .forEach(e -> sb.append(System.lineSeparator()).append("  ").append(e));
      if (errors.size() > MAX_LISTED_ERRORS) {
        sb.append(System.lineSeparator())
            .append("  … and ")
            .append(errors.size() - MAX_LISTED_ERRORS)
            .append(" more");
      }
      throw new DataException(sb.toString());
    }
    List<Correction> latest = Corrections.latestPerKey(rows);
    if (latest.size() < rows.size()) {
      err.printf(
          "%s: %d earlier correction(s) of the same article, task and target replaced by later"
              + " ones%n",
          file, rows.size() - latest.size());
    }
    return new Read(latest, EncoderLoader.sha256(file), file.getFileName().toString(), 0);
  }

  private static Correction parse(List<String> row, int[] col, String where) {
    String taskText = row.get(col[1]);
    LabelTask task;
    try {
      task = LabelTask.fromLabel(taskText);
    } catch (IllegalArgumentException e) {
      throw new DataException(
          where + ": unknown task '" + LogText.escape(taskText) + "' (sentiment, topic or entity)");
    }
    Instant at;
    try {
      at = Instant.parse(row.get(col[8]).trim());
    } catch (DateTimeParseException e) {
      throw new DataException(
          where
              + ": 'at' is not an ISO-8601 instant such as 2026-12-04T09:30:00Z: '"
              + LogText.escape(row.get(col[8]))
              + "'");
    }
    String note = row.get(col[9]);
    LabelFeedback f =
        new LabelFeedback(
            row.get(col[0]).trim(),
            task,
            row.get(col[2]).trim(),
            row.get(col[3]).trim(),
            row.get(col[4]).trim(),
            row.get(col[5]).trim(),
            row.get(col[6]).trim(),
            row.get(col[7]).trim(),
            note.isEmpty() ? null : note,
            at);
    String text = row.get(col[10]);
    String problem = Corrections.problem(f, text);
    if (problem != null) {
      throw new DataException(where + ": " + problem);
    }
    if (!LabelFeedback.textHash(text).equals(f.textHash())) {
      throw new DataException(
          where + ": the text does not match text_hash (the row was edited or cut)");
    }
    return new Correction(f, text, where);
  }
}
