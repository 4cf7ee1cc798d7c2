package com.finpulse.common.cli;

import java.io.PrintStream;

/**
 * A top-level subcommand of {@code ./finpulse} contributed by a module ({@link
 * java.util.ServiceLoader}; register in {@code META-INF/services/com.finpulse.common.cli.Command}).
 */
public interface Command {

  /** The word after {@code ./finpulse}: {@code model}, {@code ingest}, {@code process}, ... */
  String name();

  /** One line for {@code ./finpulse --help}. */
  String summary();

  /**
   * Runs the command.
   *
   * @param args the arguments after the command's name
   * @param out results (JSON lines, reports); nothing else goes here
   * @param err progress, warnings and errors for people
   * @return the process exit code: 0 ok, 1 failure, 2 usage error
   */
  int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
