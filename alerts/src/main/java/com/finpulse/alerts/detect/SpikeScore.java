package com.finpulse.alerts.detect;

/**
 * How far one window deviates from its key's baseline.
 *
 * @param zShare (share - baseline share) / share sigma for a window of this size
 * @param zVolume (negative volume - baseline volume) / volume sigma
 * @param warm whether the baseline has enough history for the deviations to count; when it has not,
 *     both are 0
 */
public record SpikeScore(
    double share,
    double baselineShare,
    double shareSigma,
    double zShare,
    double baselineVolume,
    double volumeSigma,
    double zVolume,
    boolean warm) {}
