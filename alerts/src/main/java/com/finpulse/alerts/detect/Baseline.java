package com.finpulse.alerts.detect;

/**
 * A key's robust trailing baseline for one window size, updated from closed windows only.
 *
 * <p>It keeps EWMAs (mean and variance) of the novelty-adjusted article count and negative count
 * per window, empty windows included, and an EWMA of the share's excess variance. From them:
 *
 * <ul>
 *   <li>baseline share {@code p = mean(negatives) / mean(articles)}: volume-weighted, so sparse
 *       windows of 1 or 2 articles do not swing it;
 *   <li>share sigma for a window of {@code n} articles: {@code sqrt(p(1-p)/n + tau^2)}, the
 *       binomial sampling error of a window that size plus the key's between-window variability
 *       {@code tau^2} (estimated, floored by {@code share_sigma_floor}): a 6-of-10 window is judged
 *       as the noisy sample it is, a 60-of-100 window as the strong signal it is;
 *   <li>volume sigma: the EWMA standard deviation, floored by the Poisson {@code sqrt(mean)} and
 *       {@code volume_sigma_floor}.
 * </ul>
 *
 * <p>Both deviations subtract a continuity correction of half a story: the counts are small
 * integers, and without it the normal approximation understates the binomial tail about threefold
 * around z = 3..4 (with it, steady noise of ~12 stories a minute at 20% negative passes z 4 on both
 * signals about once in 70 days per key).
 *
 * <p>Robustness: once warm, a closed window enters clipped to mean +- {@code winsorize_z} sigma
 * (winsorized EWMA), so a spike moves the baseline by at most a few sigmas times alpha, while a
 * lasting level shift is still absorbed over a few spans. State is O(1) per key, which a median/MAD
 * over trailing windows is not.
 */
public record Baseline(Ewma articles, Ewma negatives, Ewma shareExcess, long windows) {

  private static final double MIN_P = 0.01;
  private static final double CONTINUITY = 0.5;

  public static Baseline empty() {
    return new Baseline(Ewma.EMPTY, Ewma.EMPTY, Ewma.EMPTY, 0);
  }

  public boolean warm(int warmupWindows) {
    return windows >= warmupWindows && articles.mean() > 0;
  }

  public double share() {
    return articles.mean() > 0 ? clamp(negatives.mean() / articles.mean(), 0, 1) : 0;
  }

  public double shareSigma(long n, double floor) {
    double p = clamp(share(), MIN_P, 1 - MIN_P);
    double tau2 = Math.max(floor * floor, shareExcess.mean());
    return Math.sqrt(p * (1 - p) / Math.max(1, n) + tau2);
  }

  public double volumeSigma(double floor) {
    return Math.max(Math.max(negatives.sd(), Math.sqrt(Math.max(0, negatives.mean()))), floor);
  }

  private double countSigma() {
    return Math.max(Math.max(articles.sd(), Math.sqrt(Math.max(0, articles.mean()))), 1);
  }

  public SpikeScore score(Observation o, DetectionSettings s) {
    boolean warm = warm(s.warmupWindows());
    double share = o.share();
    double shareSigma = shareSigma(o.novelCount(), s.shareSigmaFloor());
    double volumeSigma = volumeSigma(s.volumeSigmaFloor());
    double half = o.novelCount() == 0 ? 0 : CONTINUITY / o.novelCount();
    double zShare = warm ? (share - share() - half) / shareSigma : 0;
    double zVolume = warm ? (o.novelNegative() - negatives.mean() - CONTINUITY) / volumeSigma : 0;
    return new SpikeScore(
        share, share(), shareSigma, zShare, negatives.mean(), volumeSigma, zVolume, warm);
  }

  /** The baseline after one more closed window. */
  public Baseline absorb(Observation o, DetectionSettings s) {
    double alpha = s.alpha();
    boolean clip = warm(s.warmupWindows());
    double c = s.winsorizeZ();
    double n = o.novelCount();
    double neg = o.novelNegative();
    if (clip) {
      n = clamp(n, articles.mean() - c * countSigma(), articles.mean() + c * countSigma());
      double vs = volumeSigma(s.volumeSigmaFloor());
      neg = clamp(neg, negatives.mean() - c * vs, negatives.mean() + c * vs);
    }
    Ewma excess = shareExcess;
    if (o.novelCount() >= 2 && articles.mean() > 0) {
      double p = clamp(share(), MIN_P, 1 - MIN_P);
      double pw = o.share();
      if (clip) {
        double sigma = shareSigma(o.novelCount(), s.shareSigmaFloor());
        pw = clamp(pw, p - c * sigma, p + c * sigma);
      }
      double sampling = p * (1 - p) / o.novelCount();
      excess = excess.update((pw - p) * (pw - p) - sampling, alpha);
    }
    return new Baseline(
        articles.update(Math.max(0, n), alpha),
        negatives.update(Math.max(0, neg), alpha),
        excess,
        windows + 1);
  }

  private static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
