package com.finpulse.ingest.replay;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.finpulse.ingest.config.ReplaySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the replay reader: any file content, as CSV or JSONL, is read into
 * rows (malformed ones skipped and counted) or refused with a {@link ReplayException}; nothing else
 * escapes. Seeds: {@code ReplayFileFuzzTestInputs/fuzz/} (the first byte picks the format).
 */
class ReplayFileFuzzTest {

  private static final ReplaySettings.Columns AUTO =
      new ReplaySettings.Columns(null, null, null, null, null);

  @FuzzTest(maxDuration = "10s")
  void fuzz(FuzzedDataProvider data) throws IOException {
    boolean jsonl = data.consumeBoolean();
    byte[] content = data.consumeRemainingAsBytes();
    Path file = Files.createTempFile("fuzz-replay", jsonl ? ".jsonl" : ".csv");
    try {
      Files.write(file, content);
      ReplayFile.Loaded l = ReplayFile.load(file, AUTO);
      if (l.skipped() < 0 || l.rows() == null) {
        throw new IllegalStateException("replay gave " + l.skipped() + " skipped rows");
      }
    } catch (ReplayException expected) {
      // the documented outcome for a file that is no replay
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
