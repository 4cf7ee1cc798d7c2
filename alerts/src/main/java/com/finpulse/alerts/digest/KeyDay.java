package com.finpulse.alerts.digest;

import com.finpulse.common.event.KeyKind;

/**
 * One key's day against its prior week.
 *
 * @param count articles in the day
 * @param meanScore count-weighted mean sentiment score of the day, in [-1, 1]
 * @param negativeShare share of negative articles in the day
 * @param priorDailyCount average articles per day over the prior seven days
 * @param priorMeanScore count-weighted mean score over the prior seven days
 * @param priorNegativeShare negative share over the prior seven days
 */
public record KeyDay(
    KeyKind keyKind,
    String key,
    long count,
    double meanScore,
    double negativeShare,
    double priorDailyCount,
    double priorMeanScore,
    double priorNegativeShare) {

  /** Change of the mean score against the prior week: negative when the tone darkened. */
  public double scoreChange() {
    return meanScore - priorMeanScore;
  }

  public boolean hasPrior() {
    return priorDailyCount > 0;
  }
}
