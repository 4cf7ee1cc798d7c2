package com.finpulse.common.influx;

import java.time.Instant;

/** Pieces of InfluxQL built from values that may come from a request: quoted, never pasted raw. */
public final class InfluxQl {

  private InfluxQl() {}

  /** A string literal: {@code 'it''s'} is written {@code 'it\'s'}, backslashes doubled. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A measurement, tag or field name in double quotes. */
  public static String identifier(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A point in time as an RFC 3339 literal. */
  public static String time(Instant t) {
    return "'" + t + "'";
  }
}
