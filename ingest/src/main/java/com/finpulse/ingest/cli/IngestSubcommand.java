package com.finpulse.ingest.cli;

import java.io.PrintStream;

/**
 * One {@code ./finpulse ingest <name>} subcommand (register in {@code
 * META-INF/services/com.finpulse.ingest.cli.IngestSubcommand}).
 */
public interface IngestSubcommand {

  String name();

  String summary();

  /**
   * @return exit code: 0 ok, 1 failure, 2 usage error
   */
  int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
