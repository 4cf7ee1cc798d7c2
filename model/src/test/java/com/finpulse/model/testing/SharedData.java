package com.finpulse.model.testing;

import com.finpulse.model.data.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared data directory ({@code finpulse.shared.dir}); tests that need it fail without it. */
public final class SharedData {

  private SharedData() {}

  public static Path file(String relative) {
    String dir = System.getProperty("finpulse.shared.dir");
    if (dir == null) {
      throw new AssertionError("system property finpulse.shared.dir is not set (surefire sets it)");
    }
    Path p = Path.of(dir, "data").resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new AssertionError(
          "test data missing: " + p + " (the shared data directory must be present)");
    }
    return p;
  }

  /** The first {@code n} texts of the financial tweets sentiment training file. */
  public static List<String> tweets(int n) {
    CsvTable t = CsvTable.read(file("twitter-financial-news-sentiment/sent_train.csv"));
    int col = t.column("text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && i < t.rows().size(); i++) {
      out.add(t.rows().get(i).get(col));
    }
    return out;
  }
}
