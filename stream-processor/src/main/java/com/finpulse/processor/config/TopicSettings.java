package com.finpulse.processor.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;

/**
 * How the shared topics are created when missing (existing topics are left as they are).
 *
 * @param partitions partitions of news.raw, news.scored and sentiment.trends: the most processor
 *     tasks (and so instances x threads) that can work in parallel
 * @param replicationFactor 1 for a single local broker, 3 in production
 */
public record TopicSettings(int partitions, short replicationFactor) implements Validated {

  @Override
  public void validate(Validation v) {
    v.range(partitions, 1, 1000, "partitions");
    v.range(replicationFactor, 1, 10, "replication_factor");
  }
}
