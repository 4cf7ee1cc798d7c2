package com.finpulse.common.text;

/** One cell of an RFC 4180 CSV file as written by FinPulse's exports. */
public final class CsvCell {

  private CsvCell() {}

  /** Quoted when it holds a comma, a quote or a line break; quotes doubled. */
  public static String of(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
