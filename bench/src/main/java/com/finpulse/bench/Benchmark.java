package com.finpulse.bench;

import java.io.PrintStream;

/**
 * One {@code ./finpulse bench <name>} benchmark (register in {@code
 * META-INF/services/com.finpulse.bench.Benchmark}). A benchmark prints figures, and as its last
 * line the ratio against the named alternative it measured in the same run.
 */
public interface Benchmark {

  String name();

  String summary();

  /**
   * @return exit code: 0 ok, 1 failure, 2 usage error
   */
  int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
