package com.finpulse.ingest.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data directory ({@code finpulse.shared.dir}, set by surefire/failsafe). A test that
 * needs it fails, with this message, when it is missing: it never passes silently.
 */
public final class SharedData {

  private SharedData() {}

  public static Path dir() {
    String prop = System.getProperty("finpulse.shared.dir");
    if (prop == null || prop.isBlank()) {
      return fail("system property finpulse.shared.dir is not set (run the tests through Maven)");
    }
    Path dir = Path.of(prop).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("data"))) {
      return fail(
          "shared data not found at "
              + dir.resolve("data")
              + " (finpulse.shared.dir="
              + prop
              + "); these tests need the news fixtures and the Benzinga sample");
    }
    return dir;
  }

  public static Path file(String relative) {
    Path p = dir().resolve("data").resolve(relative);
    if (!Files.exists(p)) {
      return fail("shared data file missing: " + p);
    }
    return p;
  }

  public static Path feeds() {
    return file("news-fixtures/feeds");
  }

  public static Path secPages() {
    return file("news-fixtures/sec");
  }

  public static Path benzingaByTime() {
    return file("benzinga-analyst-ratings-headlines-sample/analyst_ratings_sample_by_time_utc.csv");
  }

  public static Path benzingaOriginal() {
    return file("benzinga-analyst-ratings-headlines-sample/analyst_ratings_processed.csv");
  }
}
