package com.finpulse.alerts.models;

import com.finpulse.alerts.feedback.FeedbackBook;
import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import com.finpulse.common.event.ShadowComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the shadow candidate did beside the serving model: agreement on sentiment and topic, label
 * flips per topic, and, on the articles analysts corrected, which of the two got it right. Counts
 * one candidate at a time: comparisons of another candidate start a new tally.
 */
final class ShadowTally {

  /** Comparisons kept for the join with corrections (the newest). */
  static final int KEPT = 20_000;

  /**
   * @param compared articles scored by both
   * @param flips articles whose sentiment the candidate calls differently
   */
  record TopicFlips(String topic, int compared, int flips) {}

  /** On the sampled articles an analyst corrected: how often each model had the analyst's label. */
  record OnFeedback(int corrections, int candidateRight, int servingRight) {}

  /** The report of one candidate. */
  record Report(
      @Nullable String candidate,
      @Nullable String serving,
      int compared,
      double sentimentAgreement,
      double topicAgreement,
      List<TopicFlips> byTopic,
      OnFeedback onFeedback) {}

  private @Nullable String candidate;
  private @Nullable String serving;
  private int compared;
  private int sentimentAgree;
  private int topicAgree;
  private final Map<String, int[]> byTopic = new TreeMap<>();
  private final Map<String, ShadowComparison> byArticle =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ShadowComparison> e) {
          return size() > KEPT;
        }
      };

  synchronized void add(ShadowComparison c) {
    if (!c.candidateModel().equals(candidate)) {
      candidate = c.candidateModel();
      compared = 0;
      sentimentAgree = 0;
      topicAgree = 0;
      byTopic.clear();
      byArticle.clear();
    }
    serving = c.servingModel();
    compared++;
    if (c.sentimentAgrees()) {
      sentimentAgree++;
    }
    if (c.topicAgrees()) {
      topicAgree++;
    }
    int[] t = byTopic.computeIfAbsent(c.servingTopic(), k -> new int[2]);
    t[0]++;
    if (!c.sentimentAgrees()) {
      t[1]++;
    }
    byArticle.put(c.articleId(), c);
  }

  synchronized Report report(FeedbackBook feedback) {
    List<TopicFlips> topics = new ArrayList<>();
    byTopic.forEach((topic, t) -> topics.add(new TopicFlips(topic, t[0], t[1])));
    topics.sort(Comparator.comparingInt(TopicFlips::flips).reversed());
    int corrections = 0;
    int candidateRight = 0;
    int servingRight = 0;
    for (ShadowComparison c : byArticle.values()) {
      LabelFeedback f =
          feedback
              .find(LabelFeedback.recordKey(c.articleId(), LabelTask.SENTIMENT, ""))
              .orElse(null);
      if (f == null) {
        continue;
      }
      corrections++;
      if (c.candidateSentiment().label().equals(f.label())) {
        candidateRight++;
      }
      if (c.servingSentiment().label().equals(f.label())) {
        servingRight++;
      }
    }
    return new Report(
        candidate,
        serving,
        compared,
        compared == 0 ? 0 : (double) sentimentAgree / compared,
        compared == 0 ? 0 : (double) topicAgree / compared,
        topics,
        new OnFeedback(corrections, candidateRight, servingRight));
  }
}
