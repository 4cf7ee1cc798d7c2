package com.finpulse.model.testing;

import com.finpulse.common.event.LabelFeedback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes files in the console's feedback export format (RFC 4180), hashes filled in. */
public final class FeedbackCsv {

  public static final String HEADER =
      "article_id,task,target,label,model_label,model_id,text_hash,analyst,at,note,text\n";

  private final StringBuilder sb = new StringBuilder(HEADER);

  /** Adds a row; the text is quoted as RFC 4180 asks. */
  public FeedbackCsv row(
      String articleId, String task, String target, String label, Instant at, String text) {
    return raw(
        String.join(
            ",",
            articleId,
            task,
            target,
            label,
            "neutral",
            "tiny@0000",
            LabelFeedback.textHash(text),
            "ana",
            at.toString(),
            "",
            quote(text)));
  }

  /** Adds a line as it is. */
  public FeedbackCsv raw(String line) {
    sb.append(line).append('\n');
    return this;
  }

  public Path write(Path file) {
    try {
      return Files.writeString(file, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
