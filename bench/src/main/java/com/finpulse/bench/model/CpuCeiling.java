package com.finpulse.bench.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * This CPU's peak fp32 rate: cores x clock x FLOP per cycle (FMA on AVX-512 = 64, AVX2 = 32, else
 * 16). An upper bound no real kernel reaches; the share of it says how much headroom is left.
 */
record CpuCeiling(int cores, double ghz, int flopsPerCycle, String model) {

  double gflops() {
    return cores * ghz * flopsPerCycle;
  }

  static CpuCeiling detect(int threads) {
    String model = "unknown";
    double mhz = 0;
    boolean avx512 = false;
    boolean avx2 = false;
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String l : lines) {
        if (l.startsWith("model name") && model.equals("unknown")) {
          model = l.substring(l.indexOf(':') + 1).trim();
        } else if (l.startsWith("cpu MHz") && mhz == 0) {
          mhz = Double.parseDouble(l.substring(l.indexOf(':') + 1).trim());
        } else if (l.startsWith("flags")) {
          avx512 |= l.contains(" avx512f");
          avx2 |= l.contains(" avx2") && l.contains(" fma");
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall back to a nominal 2.5 GHz AVX2 core
    }
    if (mhz == 0) {
      mhz = 2500;
    }
    return new CpuCeiling(threads, mhz / 1000, avx512 ? 64 : avx2 ? 32 : 16, model);
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores x %.2f GHz x %d FLOP/cycle = %.0f GFLOP/s fp32 (%s)",
        cores,
        ghz,
        flopsPerCycle,
        gflops(),
        model);
  }
}
