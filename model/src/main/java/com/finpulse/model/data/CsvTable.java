package com.finpulse.model.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV file (quoted fields, doubled quotes, CRLF or LF, embedded newlines).
 *
 * @param rowLines the file line each row starts on (a quoted field may span lines), for errors
 */
public record CsvTable(
    Path file, List<String> header, List<List<String>> rows, List<Integer> rowLines) {

  public static CsvTable read(Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read (" + e.getMessage() + ")");
    }
    if (!content.isEmpty() && content.charAt(0) == '\uFEFF') {
      content = content.substring(1);
    }
    List<Integer> lines = new ArrayList<>();
    List<List<String>> records = parse(content, file, lines);
    if (records.isEmpty()) {
      throw new DataException(file + ": empty CSV file (no header)");
    }
    return new CsvTable(
        file, records.get(0), records.subList(1, records.size()), lines.subList(1, lines.size()));
  }

  /** The file line a row (0-based index into {@link #rows()}) starts on. */
  public int line(int row) {
    return rowLines.get(row);
  }

  /** Parses {@code s}; {@code startLines} receives the line each record starts on. */
  static List<List<String>> parse(String s, Path file, List<Integer> startLines) {
    List<List<String>> out = new ArrayList<>();
    List<String> row = new ArrayList<>();
    int rowStart = 1;
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        if (fieldStarted || !field.isEmpty() || !row.isEmpty()) {
          row.add(field.toString());
          out.add(row);
          startLines.add(rowStart);
        }
        row = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        line++;
        rowStart = line;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new DataException(file + ":" + line + ": unterminated quoted field");
    }
    if (fieldStarted || !field.isEmpty() || !row.isEmpty()) {
      row.add(field.toString());
      out.add(row);
      startLines.add(rowStart);
    }
    return out;
  }

  /** Index of a column, or a clear error listing the columns there are. */
  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new DataException(file + ": no column '" + name + "' (columns: " + header + ")");
    }
    return i;
  }
}
