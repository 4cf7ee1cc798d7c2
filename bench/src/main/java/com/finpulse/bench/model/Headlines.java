package com.finpulse.bench.model;

import com.finpulse.model.data.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real news headlines from the shared data directory (Benzinga sample, internal use only). */
final class Headlines {

  static final String FILE =
      "data/benzinga-analyst-ratings-headlines-sample/analyst_ratings_processed.csv";

  private Headlines() {}

  static Path sharedDir() {
    String dir = System.getProperty("finpulse.shared.dir");
    if (dir != null) {
      return Path.of(dir);
    }
    return Path.of(System.getProperty("finpulse.home", "."))
        .toAbsolutePath()
        .resolve("../shared")
        .normalize();
  }

  static List<String> load(int max) {
    Path file = sharedDir().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "headlines not found at "
              + file
              + " (set -Dfinpulse.shared.dir to the shared data directory)");
    }
    CsvTable t = CsvTable.read(file);
    int col = t.column("title");
    List<String> out = new ArrayList<>();
    for (List<String> row : t.rows()) {
      if (row.size() > col && !row.get(col).isBlank()) {
        out.add(row.get(col));
        if (out.size() == max) {
          break;
        }
      }
    }
    return out;
  }
}
