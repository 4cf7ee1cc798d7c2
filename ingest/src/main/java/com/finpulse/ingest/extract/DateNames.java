package com.finpulse.ingest.extract;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Month names and time-zone abbreviations as pages and feeds print them: the one table of each. */
public final class DateNames {

  /** English, plus the Portuguese, Spanish, French and German abbreviations feeds use. */
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("fev", 2),
          Map.entry("abr", 4),
          Map.entry("mai", 5),
          Map.entry("ago", 8),
          Map.entry("set", 9),
          Map.entry("out", 10),
          Map.entry("dez", 12),
          Map.entry("ene", 1),
          Map.entry("dic", 12),
          Map.entry("janv", 1),
          Map.entry("févr", 2),
          Map.entry("fév", 2),
          Map.entry("mars", 3),
          Map.entry("avr", 4),
          Map.entry("juin", 6),
          Map.entry("juil", 7),
          Map.entry("aoû", 8),
          Map.entry("août", 8),
          Map.entry("déc", 12),
          Map.entry("mär", 3),
          Map.entry("mrz", 3),
          Map.entry("okt", 10),
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));

  /**
   * Zone abbreviations that news pages and feeds print (RFC 822's among them), in minutes east of
   * UTC; ambiguous ones (IST, CST in Asia) read as the US/UK.
   */
  private static final Map<String, Integer> ZONE_MINUTES =
      Map.ofEntries(
          Map.entry("UTC", 0),
          Map.entry("GMT", 0),
          Map.entry("UT", 0),
          Map.entry("Z", 0),
          Map.entry("WET", 0),
          Map.entry("BST", 60),
          Map.entry("CET", 60),
          Map.entry("CEST", 120),
          Map.entry("EET", 120),
          Map.entry("EEST", 180),
          Map.entry("MSK", 180),
          Map.entry("IST", 330),
          Map.entry("SGT", 480),
          Map.entry("HKT", 480),
          Map.entry("JST", 540),
          Map.entry("KST", 540),
          Map.entry("AEST", 600),
          Map.entry("AEDT", 660),
          Map.entry("NZST", 720),
          Map.entry("NZDT", 780),
          Map.entry("EST", -300),
          Map.entry("EDT", -240),
          Map.entry("ET", -300),
          Map.entry("CST", -360),
          Map.entry("CDT", -300),
          Map.entry("CT", -360),
          Map.entry("MST", -420),
          Map.entry("MDT", -360),
          Map.entry("MT", -420),
          Map.entry("PST", -480),
          Map.entry("PDT", -420),
          Map.entry("PT", -480));

  private DateNames() {}

  /** The month number of a name or its abbreviation ("Sept", "févr."), or null. */
  public static @Nullable Integer month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    Integer month = MONTHS.get(n);
    return month != null || n.length() <= 3 ? month : MONTHS.get(n.substring(0, 3));
  }

  /** The offset of a zone abbreviation ("EST", "CEST"), or null when it is not one we know. */
  public static @Nullable ZoneOffset zone(String abbreviation) {
    Integer minutes = ZONE_MINUTES.get(abbreviation.toUpperCase(Locale.ROOT));
    return minutes == null ? null : ZoneOffset.ofTotalSeconds(minutes * 60);
  }
}
