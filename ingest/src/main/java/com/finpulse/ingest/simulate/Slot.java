package com.finpulse.ingest.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A placeholder of a headline pattern, written {@code {name}}; filled when a headline is drawn. */
enum Slot {
  CO,
  TK,
  CASHTAG,
  PCT,
  SMALLPCT,
  BIGPCT,
  EPS,
  EPS_LOW,
  EPS_EST,
  DIV,
  AMOUNT,
  OIL,
  PASTYEAR,
  Q,
  QS,
  Q2,
  WEEKDAY,
  MONTH,
  WEEKS,
  FIRM,
  FEDNAME,
  REGION,
  CITY,
  COUNT,
  NTH;

  static final Pattern PATTERN = Pattern.compile("\\{([a-z_0-9]+)}");

  /** As written in a pattern, without the braces. */
  String slotName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Filled from the headline's company (which the template's sectors choose). */
  boolean needsCompany() {
    return switch (this) {
      case CO, TK, CASHTAG -> true;
      case PCT, SMALLPCT, BIGPCT, EPS, EPS_LOW, EPS_EST, DIV, AMOUNT, OIL, PASTYEAR, Q, QS, Q2 ->
          false;
      case WEEKDAY, MONTH, WEEKS, FIRM, FEDNAME, REGION, CITY, COUNT, NTH -> false;
    };
  }

  static Optional<Slot> of(String slotName) {
    return Arrays.stream(values()).filter(s -> s.slotName().equals(slotName)).findFirst();
  }

  /** The names inside braces in {@code pattern}, in order, known or not. */
  static List<String> namesIn(String pattern) {
    List<String> out = new ArrayList<>();
    Matcher m = PATTERN.matcher(pattern);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Whether any placeholder of {@code pattern} is filled from a company. */
  static boolean anyNeedsCompany(String pattern) {
    return namesIn(pattern).stream()
        .map(Slot::of)
        .flatMap(Optional::stream)
        .anyMatch(Slot::needsCompany);
  }
}
