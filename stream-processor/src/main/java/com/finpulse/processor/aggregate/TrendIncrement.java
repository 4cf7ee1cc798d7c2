package com.finpulse.processor.aggregate;

import com.finpulse.common.event.Sentiment;

/**
 * A {@link TrendContribution} after {@link StoryCounter}: what it adds to each configured window of
 * its key, the change in distinct stories included (+1 a new story, 0 a copy of a known one,
 * negative when it bridges stories that turn out to be one). Index {@code i} of the arrays is the
 * {@code i}-th window of {@code trends.windows}.
 */
public record TrendIncrement(
    Sentiment sentiment, double score, int[] storyDeltas, int[] negativeStoryDeltas) {}
