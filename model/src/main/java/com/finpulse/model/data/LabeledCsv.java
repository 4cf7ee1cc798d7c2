package com.finpulse.model.data;

import com.finpulse.model.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads labelled texts from a CSV file. */
public final class LabeledCsv {

  private LabeledCsv() {}

  /**
   * @param taskColumn when not null, a column naming each row's task (sentiment or topic); rows
   *     then use their own task's label list
   */
  public static List<LabeledText> read(
      Path file,
      Task task,
      String textColumn,
      String labelColumn,
      String taskColumn,
      java.util.function.Function<Task, LabelMap> maps) {
    CsvTable t = CsvTable.read(file);
    int text = t.column(textColumn);
    int label = t.column(labelColumn);
    int taskCol = taskColumn == null ? -1 : t.column(taskColumn);
    List<LabeledText> out = new ArrayList<>(t.rows().size());
    for (int r = 0; r < t.rows().size(); r++) {
      List<String> row = t.rows().get(r);
      int line = t.line(r);
      requireFields(file, line, row, t, Math.max(Math.max(text, label), taskCol));
      Task rowTask = taskCol < 0 ? task : Task.parse(row.get(taskCol));
      try {
        out.add(new LabeledText(row.get(text), rowTask, maps.apply(rowTask).index(row.get(label))));
      } catch (DataException e) {
        throw new DataException(file + ":" + line + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** Reads (text, target, label) rows for a targeted task such as entity sentiment. */
  public static List<LabeledText> readTargeted(
      Path file,
      Task task,
      String textColumn,
      String targetColumn,
      String labelColumn,
      LabelMap map) {
    CsvTable t = CsvTable.read(file);
    int text = t.column(textColumn);
    int target = t.column(targetColumn);
    int label = t.column(labelColumn);
    List<LabeledText> out = new ArrayList<>(t.rows().size());
    for (int r = 0; r < t.rows().size(); r++) {
      List<String> row = t.rows().get(r);
      int line = t.line(r);
      requireFields(file, line, row, t, Math.max(Math.max(text, label), target));
      try {
        out.add(
            new LabeledText(row.get(text), task, map.index(row.get(label)), row.get(target), null));
      } catch (DataException e) {
        throw new DataException(file + ":" + line + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static void requireFields(Path file, int line, List<String> row, CsvTable t, int last) {
    if (row.size() <= last) {
      throw new DataException(
          file
              + ":"
              + line
              + ": row has "
              + row.size()
              + " fields, header has "
              + t.header().size());
    }
  }
}
