package com.finpulse.common.cli;

/** Wrong command-line use: the launcher prints the message and the command's usage, exit 2. */
public class UsageException extends RuntimeException {

  public UsageException(String message) {
    super(message);
  }
}
