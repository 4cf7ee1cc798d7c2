package com.finpulse.common.serde;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.ModelServing;
import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.ShadowComparison;
import com.finpulse.common.event.TrendPoint;

/** The serde of each event type: one instance each, shared (they are stateless). */
public final class EventSerdes {

  private static final EventSerde<NewsArticle> NEWS_ARTICLE =
      new EventSerde<>(NewsArticle.class, NewsArticle.SCHEMA_VERSION);
  private static final EventSerde<ScoredArticle> SCORED_ARTICLE =
      new EventSerde<>(
          ScoredArticle.class,
          ScoredArticle.SCHEMA_VERSION,
          // 1 -> 2: no per-ticker sentiment was recorded; trends fall back to the article's.
          java.util.Map.of(1, node -> node.set("ticker_sentiment", node.objectNode())));
  private static final EventSerde<TrendPoint> TREND_POINT =
      new EventSerde<>(TrendPoint.class, TrendPoint.SCHEMA_VERSION);

  private static final EventSerde<LabelFeedback> LABEL_FEEDBACK =
      new EventSerde<>(LabelFeedback.class, LabelFeedback.SCHEMA_VERSION);
  private static final EventSerde<ModelServing> MODEL_SERVING =
      new EventSerde<>(ModelServing.class, ModelServing.SCHEMA_VERSION);
  private static final EventSerde<ModelStatus> MODEL_STATUS =
      new EventSerde<>(ModelStatus.class, ModelStatus.SCHEMA_VERSION);
  private static final EventSerde<ShadowComparison> SHADOW_COMPARISON =
      new EventSerde<>(ShadowComparison.class, ShadowComparison.SCHEMA_VERSION);

  private EventSerdes() {}

  public static EventSerde<NewsArticle> newsArticle() {
    return NEWS_ARTICLE;
  }

  public static EventSerde<ScoredArticle> scoredArticle() {
    return SCORED_ARTICLE;
  }

  public static EventSerde<TrendPoint> trendPoint() {
    return TREND_POINT;
  }

  public static EventSerde<LabelFeedback> labelFeedback() {
    return LABEL_FEEDBACK;
  }

  public static EventSerde<ModelServing> modelServing() {
    return MODEL_SERVING;
  }

  public static EventSerde<ModelStatus> modelStatus() {
    return MODEL_STATUS;
  }

  public static EventSerde<ShadowComparison> shadowComparison() {
    return SHADOW_COMPARISON;
  }
}
