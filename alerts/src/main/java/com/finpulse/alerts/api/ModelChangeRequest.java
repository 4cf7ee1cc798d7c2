package com.finpulse.alerts.api;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/models/promote}, {@code /rollback} and {@code /shadow}: the version (not for
 * a roll-back), the share of articles a shadow candidate scores (default 0.1), and why.
 */
record ModelChangeRequest(
    @Nullable String version, @Nullable Double sample, @Nullable String reason) {

  static final double DEFAULT_SAMPLE = 0.1;
  static final int MAX_REASON = 500;

  String versionOrRefuse() {
    if (version == null || !version.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new ApiException(
          400,
          "version must name a registry version ([a-z0-9][a-z0-9._-]*), got '" + version + "'");
    }
    return version;
  }

  double sampleOrRefuse() {
    double s = sample == null ? DEFAULT_SAMPLE : sample;
    if (!(s > 0 && s <= 1)) {
      throw new ApiException(400, "sample must be in (0, 1], got " + sample);
    }
    return s;
  }

  @Nullable String reasonOrRefuse() {
    if (reason != null && reason.length() > MAX_REASON) {
      throw new ApiException(400, "reason must be at most " + MAX_REASON + " characters");
    }
    return reason == null || reason.isBlank() ? null : reason.strip();
  }
}
