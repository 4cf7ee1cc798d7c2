package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelFeedback;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Joins corrections with the texts they were made on (the scored articles' titles, by article id),
 * dropping those whose article is gone (the scored topic no longer holds it) or whose text changed
 * since (its hash no longer matches): a count and a warning for each kind.
 */
public final class FeedbackJoin {

  /** The joined corrections, and what was dropped. */
  public record Joined(List<Correction> corrections, int articleGone, int hashMismatch) {
    public int dropped() {
      return articleGone + hashMismatch;
    }
  }

  private FeedbackJoin() {}

  /**
   * @param feedback each with where it was read (for messages), latest per key already
   * @param titles article id to title
   */
  public static Joined join(
      Map<LabelFeedback, String> feedback, Map<String, String> titles, PrintStream err) {
    List<Correction> out = new ArrayList<>();
    int gone = 0;
    int mismatch = 0;
    for (Map.Entry<LabelFeedback, String> e : feedback.entrySet()) {
      LabelFeedback f = e.getKey();
      String title = titles.get(f.articleId());
      if (title == null) {
        gone++;
      } else if (!LabelFeedback.textHash(title).equals(f.textHash())) {
        mismatch++;
      } else {
        out.add(new Correction(f, title, e.getValue()));
      }
    }
    if (gone > 0) {
      err.printf(
          "warning: %d correction(s) dropped: their article is no longer on the scored topic%n",
          gone);
    }
    if (mismatch > 0) {
      err.printf(
          "warning: %d correction(s) dropped: the article's text changed since the correction"
              + " (text_hash no longer matches)%n",
          mismatch);
    }
    out.sort(Comparator.comparing((Correction c) -> c.feedback().recordKey()));
    return new Joined(out, gone, mismatch);
  }
}
